package io.xlj.rpc;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises operations on one domain while letting operations on different domains run in
 * parallel: each key (a domid, or a name for a domain being created) has a fair lock, so
 * calls on one domain run one after the other in arrival order. Every client connection has
 * its own thread, which waits here for its turn.
 */
public final class DomainQueues {

    // Keys are domids (at most 32752) and names of domains being created; a lock costs a
    // few dozen bytes, so they are kept rather than reference-counted.
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public static String domainKey(int domid) {
        return "domid:" + domid;
    }

    public static String nameKey(String name) {
        return "name:" + name;
    }

    public <T> T run(String key, Supplier<T> operation) {
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock(true));
        lock.lock();
        try {
            return operation.get();
        } finally {
            lock.unlock();
        }
    }
}
