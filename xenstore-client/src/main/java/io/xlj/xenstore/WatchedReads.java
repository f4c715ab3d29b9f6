package io.xlj.xenstore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads of nodes that rarely change (a daemon's {@code /local/domain/N/name}s), answered from
 * memory while a watch on each node says it has not changed since it was read.
 *
 * <p><b>Why it is right.</b> Every node read here gets a watch of its own, whose events bump
 * the node's generation on the thread that reads the connection, in order with the replies
 * ({@link XenstoreClient#watchInline}). A value is kept with the generation seen before its
 * read was sent, and served only while the generation is still that: any event handled after
 * the read was sent (the watch's own first event included) makes it be read again. xenstored
 * queues a watch's event before it acknowledges the change that fired it, and writes its
 * replies to one connection in order; so once a call on this connection returns, every change
 * acknowledged before that call was sent has invalidated what it touched ({@link #sync}).
 * Without a sync, a change by another client shows as soon as this process has read its event
 * off the socket: normally before the changer has even seen its acknowledgement, but that is
 * not a promise. Nothing is served from memory while the connection is down; a client that
 * reconnects by itself would lose the events of the outage, so give it one that does not.
 *
 * <p><b>Watch quota.</b> C xenstored 4.17 limits watches per domain (its {@code -W}, default
 * 128), oxenstored too ({@code quota-maxwatch}, 100 in Debian's config), for unprivileged
 * domains only: a dom0 connection holds more (WatchedReadsTest registers 300 on each daemon).
 * A toolstack in a deprivileged domain would share that quota
 * with its other connections, so at most {@code maxWatches} nodes are watched; nodes beyond
 * them, and every node once xenstored has refused a watch, are read on each call as before.
 *
 * <p>Thread-safe. Watches are registered on the client given, which should be one of its
 * own: its other users' traffic would sit in the way of the replies here.
 */
public final class WatchedReads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedReads.class);

    private final XenstoreClient xs;
    private final int maxWatches;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    /** Set once xenstored refused a watch: read the rest instead of asking again each call. */
    private volatile boolean refused;

    /** A watched node: its generation and the last value read at a generation. */
    private static final class Slot {
        final AtomicLong generation = new AtomicLong();
        volatile Watch watch;
        volatile Value value;
    }

    /** {@code text} null: the node did not exist. */
    private record Value(long generation, String text) {
    }

    public WatchedReads(XenstoreClient xs, int maxWatches) {
        this.xs = xs;
        this.maxWatches = maxWatches;
    }

    /**
     * The values of these nodes (UTF-8), in order; null for a node that does not exist. Nodes
     * read before are answered from memory when unchanged, the others read in one pipelined batch.
     */
    public List<String> read(List<String> paths) {
        int n = paths.size();
        List<String> out = new ArrayList<>(n);
        List<Integer> misses = new ArrayList<>();
        boolean live = xs.isOpen();
        for (int i = 0; i < n; i++) {
            Slot s = slots.get(paths.get(i));
            Value v = s == null ? null : s.value;
            if (live && v != null && v.generation() == s.generation.get()) {
                out.add(v.text());
            } else {
                out.add(null);
                misses.add(i);
            }
        }
        if (misses.isEmpty()) {
            return out;
        }
        List<Slot> missed = new ArrayList<>(misses.size());
        for (int i : misses) {
            missed.add(slotFor(paths.get(i)));
        }
        long[] generations = new long[misses.size()];
        Batch batch = xs.batch();
        List<CompletableFuture<byte[]>> replies = new ArrayList<>(misses.size());
        for (int k = 0; k < misses.size(); k++) {
            Slot s = missed.get(k);
            generations[k] = s == null ? -1 : s.generation.get();
            replies.add(batch.read(paths.get(misses.get(k))));
        }
        try {
            batch.sendAndWait();
        } catch (XenstoreException e) {
            // Each future holds its own outcome; a missing node is an answer.
        }
        for (int k = 0; k < misses.size(); k++) {
            String text = Batch.value(replies.get(k)).orElse(null);
            out.set(misses.get(k), text);
            Slot s = missed.get(k);
            if (s != null && s.watch != null) {
                // Served later only while no event has come since the generation read above.
                s.value = new Value(generations[k], text);
            }
        }
        return out;
    }

    /**
     * The slot of a node, its watch registered if there is room; null when the node is not
     * to be watched (too many, or xenstored refused).
     */
    private Slot slotFor(String path) {
        Slot s = slots.get(path);
        if (s != null) {
            return s;
        }
        if (refused || slots.size() >= maxWatches) {
            return null;
        }
        Slot fresh = new Slot();
        if (slots.putIfAbsent(path, fresh) != null) {
            return slots.get(path); // another thread is registering it
        }
        try {
            fresh.watch = xs.watchInline(path, e -> fresh.generation.incrementAndGet());
        } catch (XenstoreException e) {
            slots.remove(path);
            if (e.is("E2BIG") || e.is("ENOSPC") || e.is("EQUOTA")) {
                refused = true;
                LOG.info("xenstored refused a watch on {} ({}): reading the nodes beyond the {} watched on each call",
                        path, e.errorName(), slots.size());
                return null;
            }
            throw e;
        }
        return fresh;
    }


    /**
     * One round trip: afterwards, every change xenstored acknowledged (to anyone) before this
     * call shows in {@link #read}. What a caller runs after its own writes for read-your-writes.
     */
    public void sync() {
        xs.readOptional("/");
    }

    /** Stops watching the nodes not in {@code paths} (say, of domains that are gone). */
    public void retainOnly(Collection<String> paths) {
        Set<String> keep = paths instanceof Set<String> set ? set : new HashSet<>(paths);
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            if (!keep.contains(e.getKey()) && slots.remove(e.getKey(), e.getValue())) {
                Watch w = e.getValue().watch;
                if (w != null) {
                    try {
                        w.close();
                    } catch (XenstoreException x) {
                        // Forgotten here either way; a watch xenstored still holds only costs events.
                        LOG.debug("unwatch {}: {}", e.getKey(), x.getMessage());
                    }
                }
            }
        }
    }

    /** The connection the watches are on. */
    public XenstoreClient client() {
        return xs;
    }

    /** How many nodes are watched now. */
    public int watched() {
        return slots.size();
    }

    @Override
    public void close() {
        for (Slot s : slots.values()) {
            Watch w = s.watch;
            if (w != null && xs.isOpen()) {
                w.close();
            }
        }
        slots.clear();
    }
}
