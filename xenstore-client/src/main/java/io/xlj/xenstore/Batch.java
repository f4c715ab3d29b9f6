package io.xlj.xenstore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Requests collected and then written to xenstored in one go ({@link #send}), so a
 * thousand reads cost a few system calls instead of a thousand round trips. Each
 * request still gets its own reply and its own future.
 */
public final class Batch {
    private final XsConnection connection;
    private final int txId;
    private final List<XsConnection.Request> requests = new ArrayList<>();
    private final List<CompletableFuture<XsMessage>> slots = new ArrayList<>();
    private boolean sent;

    Batch(XsConnection connection, int txId) {
        this.connection = connection;
        this.txId = txId;
    }

    public CompletableFuture<byte[]> read(String path) {
        XsLimits.checkPath("READ", path);
        return add(XsType.READ, path, Payload.strings(path)).thenApply(XsMessage::payload);
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

    public int size() {
        return requests.size();
    }

    private CompletableFuture<XsMessage> add(XsType type, String path, byte[] payload) {
        if (sent) {
            throw new IllegalStateException("batch already sent");
        }
        XsLimits.checkPayload(type.name(), path, payload.length);
        requests.add(new XsConnection.Request(type, txId, payload, path));
        CompletableFuture<XsMessage> slot = new CompletableFuture<>();
        slots.add(slot);
        return slot;
    }

    /** Writes every request; the futures complete as replies arrive. */
    public void send() {
        if (sent) {
            throw new IllegalStateException("batch already sent");
        }
        sent = true;
        if (requests.isEmpty()) {
            return;
        }
        List<XsConnection.Pending> pending;
        try {
            pending = connection.sendAll(requests, true);
        } catch (XenstoreException e) {
            slots.forEach(s -> s.completeExceptionally(e));
            throw e;
        }
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

    /** Sends and waits for all replies; throws the first failure. */
    public void sendAndWait() {
        send();
        CompletableFuture.allOf(slots.toArray(new CompletableFuture<?>[0])).join();
    }
}
