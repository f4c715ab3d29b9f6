package io.xlj.xenstore;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to xenstored, shared by many threads. Requests are tagged with a
 * fresh req_id and written under a lock; any number may be in flight. A single reader
 * thread matches replies to requests by req_id and hands watch events to a sink that
 * must not block (the client queues them for its callback executor), so a slow watch
 * callback never holds up a reply. When the stream ends, every pending call fails.
 */
final class XsConnection implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(XsConnection.class);
    /** How long a waiting caller spins before parking: a reply usually comes sooner. */
    /** Sanity bound for a reply's length; anything bigger means the stream is garbage. */
    private static final int MAX_REPLY = 16 << 20;
    private static final long SPIN_NANOS = Long.getLong("xlj.xenstore.spinNanos", 0);

    /** A request awaiting its reply; completed by the reader thread. */
    static final class Pending extends CompletableFuture<XsMessage> {
        final int reqId;
        final String op;
        final String path;

        Pending(int reqId, String op, String path) {
            this.reqId = reqId;
            this.op = op;
            this.path = path;
        }
    }

    /** A request ready to be written. */
    record Request(XsType type, int txId, byte[] payload, String path) {
    }

    private final Transport transport;
    private final Consumer<WatchEvent> events;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextReqId = new AtomicInteger();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Thread reader;
    private volatile boolean closing;
    private volatile XenstoreException failure;

    XsConnection(Transport transport, Consumer<WatchEvent> events) {
        this.transport = transport;
        this.events = events;
        this.reader = new Thread(this::readLoop, "xenstore-reader " + transport.describe());
        reader.setDaemon(true);
        reader.start();
    }

    String describe() {
        return transport.describe();
    }

    boolean isOpen() {
        return failure == null && !closing;
    }

    Pending send(XsType type, int txId, byte[] payload, String path) {
        return sendAll(List.of(new Request(type, txId, payload, path))).get(0);
    }

    /** Writes all requests with as few system calls as possible; replies come back in any order. */
    List<Pending> sendAll(List<Request> requests) {
        List<Pending> out = new ArrayList<>(requests.size());
        ByteBuffer[] frames = new ByteBuffer[requests.size()];
        for (int i = 0; i < frames.length; i++) {
            Request r = requests.get(i);
            XsLimits.checkPayload(r.type().name(), r.path(), r.payload().length);
        }
        XenstoreException dead = failure;
        if (dead != null) {
            throw reuse(dead, requests.get(0));
        }
        for (int i = 0; i < frames.length; i++) {
            Request r = requests.get(i);
            int id = newReqId();
            Pending p = new Pending(id, r.type().name(), r.path());
            pending.put(id, p);
            out.add(p);
            XsMessage msg = new XsMessage(r.type().code(), id, r.txId(), r.payload());
            ByteBuffer buf = ByteBuffer.allocate(msg.frameSize());
            msg.encode(buf);
            buf.flip();
            frames[i] = buf;
        }
        writeLock.lock();
        try {
            transport.write(frames);
        } catch (IOException e) {
            XenstoreException ex = new XenstoreException("EIO", requests.get(0).type().name(),
                    requests.get(0).path(), "cannot write to xenstored at " + transport.describe()
                    + ": " + e.getMessage(), e);
            for (Pending p : out) {
                pending.remove(p.reqId);
                p.completeExceptionally(ex);
            }
            throw ex;
        } finally {
            writeLock.unlock();
        }
        // The reader may have failed between our check and our put: fail what it missed.
        dead = failure;
        if (dead != null) {
            failAll(dead);
        }
        return out;
    }

    private int newReqId() {
        int id;
        do {
            id = nextReqId.incrementAndGet();
        } while (id == 0 || pending.containsKey(id));
        return id;
    }

    /** Waits for the reply and turns XS_ERROR into an exception. */
    XsMessage await(Pending p, Duration timeout) {
        long start = System.nanoTime();
        while (!p.isDone() && System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
        }
        try {
            XsMessage m = p.isDone() ? p.getNow(null)
                    : p.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return check(p, m);
        } catch (TimeoutException e) {
            pending.remove(p.reqId);
            throw new XenstoreException("ETIMEDOUT", p.op, p.path, "no reply from xenstored at "
                    + transport.describe() + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.remove(p.reqId);
            throw new XenstoreException("EINTR", p.op, p.path, "interrupted while waiting for xenstored", e);
        } catch (ExecutionException e) {
            throw unwrap(p, e.getCause());
        } catch (java.util.concurrent.CompletionException e) {
            throw unwrap(p, e.getCause());
        }
    }

    /** The reply of a completed request, or the exception for an XS_ERROR reply. */
    static XsMessage check(Pending p, XsMessage m) {
        if (m.type() == XsType.ERROR.code()) {
            throw new XenstoreException(m.text(), p.op, p.path, null);
        }
        return m;
    }

    private static XenstoreException unwrap(Pending p, Throwable t) {
        if (t instanceof XenstoreException xe) {
            // Rebuild so the stack trace shows the caller, and the op/path are the caller's.
            return new XenstoreException(xe.errorName(), p.op, p.path, xe.detail(), xe);
        }
        return new XenstoreException("EIO", p.op, p.path, String.valueOf(t), t);
    }

    private static XenstoreException reuse(XenstoreException dead, Request r) {
        return new XenstoreException(dead.errorName(), r.type().name(), r.path(), dead.detail(), dead);
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024).order(XsMessage.ORDER);
        try {
            while (true) {
                int n = transport.read(buf);
                if (n < 0) {
                    throw new XenstoreException("ECONNRESET", null, null,
                            "xenstored at " + transport.describe() + " closed the connection");
                }
                buf.flip();
                while (buf.remaining() >= XsMessage.HEADER_SIZE) {
                    int pos = buf.position();
                    int len = buf.getInt(pos + 12);
                    // We never send more than PAYLOAD_MAX, but oxenstored replies with
                    // bigger DIRECTORY listings (seen: 6300 bytes), so accept those.
                    if (len < 0 || len > MAX_REPLY) {
                        throw new XenstoreException("EPROTO", null, null, "xenstored at "
                                + transport.describe() + " sent a frame with payload length " + len);
                    }
                    if (buf.remaining() < XsMessage.HEADER_SIZE + len) {
                        if (buf.capacity() < XsMessage.HEADER_SIZE + len) {
                            ByteBuffer bigger = ByteBuffer.allocateDirect(XsMessage.HEADER_SIZE + len)
                                    .order(XsMessage.ORDER);
                            bigger.put(buf);
                            bigger.flip();
                            buf = bigger;
                        }
                        break;
                    }
                    int type = buf.getInt();
                    int reqId = buf.getInt();
                    int txId = buf.getInt();
                    buf.getInt();
                    byte[] payload = new byte[len];
                    buf.get(payload);
                    dispatch(new XsMessage(type, reqId, txId, payload));
                }
                buf.compact();
            }
        } catch (XenstoreException e) {
            fail(e);
        } catch (ClosedChannelException e) {
            fail(new XenstoreException("ECONNRESET", null, null,
                    "connection to xenstored at " + transport.describe() + " was closed"
                            + (closing ? " by the client" : "")));
        } catch (IOException e) {
            fail(new XenstoreException("ECONNRESET", null, null, closing
                    ? "connection to xenstored was closed by the client"
                    : "xenstored at " + transport.describe() + " closed the connection ("
                            + e.getMessage() + ")", e));
        } catch (RuntimeException e) {
            fail(new XenstoreException("EIO", null, null, "reading from xenstored at "
                    + transport.describe() + " failed: " + e, e));
        }
    }

    private void dispatch(XsMessage m) {
        if (m.type() == XsType.WATCH_EVENT.code()) {
            List<String> f = m.fields();
            if (f.size() >= 2) {
                try {
                    events.accept(new WatchEvent(f.get(0), f.get(1)));
                } catch (RuntimeException e) {
                    LOG.warn("watch event sink failed for {}", f, e);
                }
            } else {
                LOG.warn("malformed watch event from {}: {} fields", transport.describe(), f.size());
            }
            return;
        }
        Pending p = pending.remove(m.reqId());
        if (p == null) {
            LOG.debug("reply for req_id {} (type {}) nobody waits for (timed out?)", m.reqId(), m.type());
            return;
        }
        p.complete(m);
    }

    private void fail(XenstoreException e) {
        if (failure == null) {
            failure = e;
        }
        if (!closing) {
            LOG.warn("{}", e.getMessage());
        }
        failAll(failure);
        try {
            transport.close();
        } catch (IOException ignored) {
            // already failing; nothing more to report
        }
    }

    private void failAll(XenstoreException e) {
        for (Pending p : pending.values()) {
            if (pending.remove(p.reqId, p)) {
                p.completeExceptionally(new XenstoreException(e.errorName(), p.op, p.path, e.detail(), e));
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            transport.close();
        } catch (IOException e) {
            LOG.debug("closing {}", transport.describe(), e);
        }
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure == null) {
            failure = new XenstoreException("ECONNRESET", null, null, "connection to xenstored was closed by the client");
        }
        failAll(failure);
    }
}
