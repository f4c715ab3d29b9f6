package io.xlj.rpc;

/**
 * What a method may use: the toolstack, the per-domain queues and the calling session.
 */
public record CallContext(DomainService service, DomainQueues queues, Session session) {

    /** The client connection a call came from. */
    public interface Session {

        /** Starts delivering lifecycle events to this client as notifications. */
        void subscribe();
    }
}
