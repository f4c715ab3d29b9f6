package io.xlj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * What a method may use: the toolstack, the per-domain queues and the calling session.
 */
public record CallContext(DomainService service, DomainQueues queues, Session session) {

    /** The client connection a call came from. */
    public interface Session {

        /** Starts delivering lifecycle events to this client as notifications. */
        void subscribe();

        /**
         * Sends a notification to this client now, before the call's reply (a method that
         * streams output). A client that has gone away makes this throw.
         */
        void notify(String method, JsonNode params) throws IOException;
    }
}
