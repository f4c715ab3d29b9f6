package io.xlj.rpc;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the daemon asks of the toolstack. The real implementation drives Xen through
 * {@link io.xlj.libxl.Toolstack}; tests plug in an in-memory one. The daemon serialises
 * calls per domain, so an implementation sees at most one mutating call per domain at a
 * time, but calls for different domains concurrently: it must be thread-safe.
 * Failures are reported as {@link DomainServiceException} (xl's message, errno).
 */
public interface DomainService {

    /** All domains, by domid, like {@code xl list}. */
    List<DomainEntry> list();

    /** Host and hypervisor facts, like {@code xl info}. */
    HostInfo info();

    /**
     * Creates a domain from an xl config file's text, like {@code xl create}.
     *
     * @param configText the config file's text
     * @param fileName the file name it was read from (for messages and xl's userdata)
     * @param paused leave the domain paused ({@code xl create -p})
     * @return the new domid
     */
    int create(String configText, String fileName, boolean paused);

    void destroy(int domid);

    void pause(int domid);

    void unpause(int domid);

    /** Asks the guest to power off (xl shutdown, without waiting). */
    void shutdown(int domid);

    /** Asks the guest to reboot (xl reboot, without waiting). */
    void reboot(int domid);

    OptionalInt domid(String name);

    Optional<String> domname(int domid);

    /**
     * Called after every mutating call, whether it succeeded or failed, before its reply goes
     * out: what the call changed must show in the answers to the calls that follow the reply
     * (read-your-writes for a service that caches).
     */
    default void changed() {
    }

    /**
     * Registers the one listener for lifecycle events. The listener never blocks; it may be
     * called from any thread.
     */
    void setEventListener(DomainEventListener listener);

    /** Receives lifecycle events; implementations must return promptly. */
    @FunctionalInterface
    interface DomainEventListener {
        void onEvent(DomainEvent event);
    }
}
