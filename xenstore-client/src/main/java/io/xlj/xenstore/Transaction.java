package io.xlj.xenstore;

import java.time.Duration;

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
        call(XsType.TRANSACTION_END, null, Payload.strings(commit ? "T" : "F"));
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
