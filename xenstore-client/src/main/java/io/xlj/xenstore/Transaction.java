package io.xlj.xenstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A xenstore transaction: reads see a private snapshot, writes become visible at
 * commit. Closing a transaction that was not committed aborts it, so
 * {@code try (Transaction tx = client.transaction()) { …; tx.commit(); }} never leaks
 * one. A commit can fail with EAGAIN when another client changed a node this
 * transaction touched; {@link XenstoreClient#runInTransaction} retries that for you.
 */
public final class Transaction extends OpsBase implements AutoCloseable {
    private final XenstoreClient client;
    private final XsConnection connection;
    private final int id;
    private boolean ended;

    /** The requests whose replies {@link #pipelineWrites} lets us collect later. */
    private static final Set<XsType> PIPELINED = EnumSet.of(XsType.WRITE, XsType.MKDIR, XsType.RM, XsType.SET_PERMS);
    private boolean pipelining;
    /** Pipelined requests not sent yet: they go out together, in one write, when collected. */
    private Batch held;
    private final List<Held> heldReplies = new ArrayList<>();

    /** A pipelined request's reply to come, and whether it is an rm (whose ENOENT is no error). */
    private record Held(CompletableFuture<XsMessage> reply, boolean rm) {
    }

    Transaction(XenstoreClient client, XsConnection connection, int id) {
        this.client = client;
        this.connection = connection;
        this.id = id;
    }

    /** The transaction id the daemon gave out. */
    public int id() {
        return id;
    }

    @Override
    XsConnection connection() {
        return connection;
    }

    @Override
    int txId() {
        return id;
    }

    @Override
    Duration timeout() {
        return client.timeout();
    }

    @Override
    DirectoryPartSupport directoryPartSupport() {
        return client.directoryPartSupport();
    }

    /**
     * From now on writes, mkdirs, rms and permission changes are sent without waiting for
     * their replies; the next other request (a read, a listing, the commit) first collects
     * them and throws the first failure. A transaction that sets up dozens of nodes then
     * costs about one round trip to xenstored instead of one per node (xenstored answers a
     * connection's requests in order, so the effect is the same). As libxl's callers do,
     * an rm of a node that is not there is no error in this mode.
     */
    public Transaction pipelineWrites() {
        pipelining = true;
        return this;
    }

    @Override
    XsMessage call(XsType type, String path, byte[] payload) {
        if (pipelining && PIPELINED.contains(type)) {
            // Held back and written with the others at the next collection: one system call and
            // one wake-up of xenstored for the lot, instead of one each (in a PV dom0, where a
            // context switch is dear, that is most of what a skeleton of forty nodes costs).
            if (held == null) {
                held = super.batch();
            }
            heldReplies.add(new Held(held.add(type, path, payload), type == XsType.RM));
            return null;
        }
        collectInFlight();
        return super.call(type, path, payload);
    }

    /** A batch in this transaction; what {@link #pipelineWrites} holds back goes first. */
    @Override
    public Batch batch() {
        collectInFlight();
        return super.batch();
    }

    /** Sends the held requests, reads every reply in this thread; throws the first failure. */
    private void collectInFlight() {
        if (held == null) {
            return;
        }
        Batch batch = held;
        List<Held> replies = List.copyOf(heldReplies);
        held = null;
        heldReplies.clear();
        try {
            batch.sendAndWait();
        } catch (XenstoreException e) {
            // Looked at reply by reply below: an rm's ENOENT is no failure here.
        }
        for (Held h : replies) {
            try {
                h.reply().join();
            } catch (CompletionException e) {
                Throwable cause = unwrap(e);
                if (h.rm() && cause instanceof XenstoreException x && x.isNoEntry()) {
                    continue;
                }
                throw cause instanceof XenstoreException x ? x
                        : new XenstoreException("EIO", "TRANSACTION", null, String.valueOf(cause));
            }
        }
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** Commits; throws XenstoreException with EAGAIN if the transaction must be retried. */
    public void commit() {
        end(true);
    }

    /** Commits; returns false (instead of throwing) when the daemon answers EAGAIN. */
    public boolean tryCommit() {
        try {
            end(true);
            return true;
        } catch (XenstoreException e) {
            if (e.isAgain()) {
                return false;
            }
            throw e;
        }
    }

    public void abort() {
        end(false);
    }

    public boolean isEnded() {
        return ended;
    }

    private void end(boolean commit) {
        if (ended) {
            throw new XenstoreException("EINVAL", "TRANSACTION_END", null,
                    "transaction " + id + " has already ended");
        }
        // Whatever the answer, the daemon has forgotten the transaction afterwards.
        ended = true;
        XenstoreException failed = null;
        try {
            collectInFlight();
        } catch (XenstoreException e) {
            failed = e; // a pipelined write failed: the transaction must not commit
        }
        super.call(XsType.TRANSACTION_END, null, Payload.strings(commit && failed == null ? "T" : "F"));
        if (failed != null && commit) {
            throw failed;
        }
    }

    /** Aborts unless committed or aborted already; errors while aborting are not thrown. */
    @Override
    public void close() {
        if (!ended) {
            try {
                abort();
            } catch (XenstoreException e) {
                // The connection may be gone; the daemon then dropped the transaction too.
            }
        }
    }
}
