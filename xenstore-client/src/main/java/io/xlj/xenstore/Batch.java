package io.xlj.xenstore;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Requests collected and then written to xenstored in one go ({@link #send} or
 * {@link #sendAndWait}), so a thousand reads cost a few system calls instead of a
 * thousand round trips. Each request still gets its own reply and its own future.
 * A batch made by a {@link Transaction} runs inside that transaction.
 */
public final class Batch {
    private final XsConnection connection;
    private final int txId;
    private final Duration timeout;
    private final List<XsConnection.Request> requests = new ArrayList<>();
    private final List<CompletableFuture<XsMessage>> slots = new ArrayList<>();
    private boolean sent;

    Batch(XsConnection connection, int txId, Duration timeout) {
        this.connection = connection;
        this.txId = txId;
        this.timeout = timeout;
    }

    public CompletableFuture<byte[]> read(String path) {
        XsLimits.checkPath("READ", path);
        return add(XsType.READ, path, Payload.strings(path)).thenApply(XsMessage::payload);
    }

    /** The children's names; a listing too big for one reply fails with E2BIG (list it alone then). */
    public CompletableFuture<List<String>> directory(String path) {
        XsLimits.checkPath("DIRECTORY", path);
        return add(XsType.DIRECTORY, path, Payload.strings(path)).thenApply(XsMessage::fields);
    }

    public CompletableFuture<Void> write(String path, String value) {
        return write(path, Strings.utf8(value));
    }

    public CompletableFuture<Void> write(String path, byte[] value) {
        XsLimits.checkPath("WRITE", path);
        return add(XsType.WRITE, path, Payload.pathAndValue(path, value)).thenApply(m -> null);
    }

    public CompletableFuture<Void> rm(String path) {
        XsLimits.checkPath("RM", path);
        return add(XsType.RM, path, Payload.strings(path)).thenApply(m -> null);
    }

    public CompletableFuture<Void> mkdir(String path) {
        XsLimits.checkPath("MKDIR", path);
        return add(XsType.MKDIR, path, Payload.strings(path)).thenApply(m -> null);
    }

    /**
     * The value a batched {@link #read} got, empty when the node was not there (ENOENT); any
     * other failure is thrown as the XenstoreException it was.
     */
    public static Optional<String> value(CompletableFuture<byte[]> read) {
        try {
            return Optional.of(new String(read.join(), StandardCharsets.UTF_8));
        } catch (CompletionException e) {
            if (e.getCause() instanceof XenstoreException x) {
                if (x.isNoEntry()) {
                    return Optional.empty();
                }
                throw x;
            }
            throw e;
        }
    }

    public int size() {
        return requests.size();
    }

    /** Any request; its future gets the raw reply (an XS_ERROR reply completes it exceptionally). */
    CompletableFuture<XsMessage> add(XsType type, String path, byte[] payload) {
        if (sent) {
            throw new IllegalStateException("batch already sent");
        }
        XsLimits.checkPayload(type.name(), path, payload.length);
        requests.add(new XsConnection.Request(type, txId, payload, path));
        CompletableFuture<XsMessage> slot = new CompletableFuture<>();
        slots.add(slot);
        return slot;
    }

    /**
     * Writes every request once (a batch is sent at most once); a failure to send fails
     * every future. {@code handOff}: replies are dispatched by the background reader.
     */
    private List<XsConnection.Pending> sendOnce(boolean handOff) {
        if (sent) {
            throw new IllegalStateException("batch already sent");
        }
        sent = true;
        if (requests.isEmpty()) {
            return List.of();
        }
        try {
            return connection.sendAll(requests, handOff);
        } catch (XenstoreException e) {
            slots.forEach(s -> s.completeExceptionally(e));
            throw e;
        }
    }

    /** Writes every request; the futures complete as replies arrive. */
    public void send() {
        List<XsConnection.Pending> pending = sendOnce(true);
        for (int i = 0; i < pending.size(); i++) {
            XsConnection.Pending p = pending.get(i);
            CompletableFuture<XsMessage> slot = slots.get(i);
            p.whenComplete((m, t) -> {
                if (t != null) {
                    slot.completeExceptionally(t);
                    return;
                }
                try {
                    slot.complete(XsConnection.check(p, m));
                } catch (XenstoreException e) {
                    slot.completeExceptionally(e);
                }
            });
        }
    }

    /**
     * Sends and waits for all replies, reading them in this thread (no hand-off to the
     * background reader); then throws the first failure, if any. The futures are
     * complete when this returns.
     */
    public void sendAndWait() {
        List<XsConnection.Pending> pending = sendOnce(false);
        XenstoreException first = null;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < pending.size(); i++) {
            CompletableFuture<XsMessage> slot = slots.get(i);
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                slot.complete(connection.await(pending.get(i), Duration.ofNanos(left)));
            } catch (XenstoreException e) {
                slot.completeExceptionally(e);
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
