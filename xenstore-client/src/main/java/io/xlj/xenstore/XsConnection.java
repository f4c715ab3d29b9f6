package io.xlj.xenstore;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to xenstored, shared by many threads.
 *
 * <p>Requests are tagged with a fresh req_id and written under a lock; any number may be
 * in flight, and replies are matched by req_id. Reading is a role (a lock) that one
 * thread holds at a time; whoever holds it reads frames and dispatches all of them
 * (replies to their futures, watch events to a sink that never blocks):
 * <ul>
 *   <li>a caller waiting for its own reply takes the role if it is free and waits in the
 *       kernel for the reply, as libxenstore does: no thread hand-off on the common
 *       path, and the wait still ends at the caller's timeout;</li>
 *   <li>a background reader takes it while anything else needs reading: watches are
 *       registered, or asynchronous requests are outstanding. Callers then park until
 *       the reader completes their future.</li>
 * </ul>
 * When the stream ends, every pending call fails at once with a clear error.
 */
final class XsConnection implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(XsConnection.class);
    /** Sanity bound for a reply's length; anything bigger means the stream is garbage. */
    private static final int MAX_REPLY = 16 << 20;
    /** Longest single wait, so that role holders notice close and changed demand. */
    private static final long SLICE_MILLIS = 100;

    /** A request awaiting its reply; completed by the role holder. */
    static final class Pending extends CompletableFuture<XsMessage> {
        final int reqId;
        final String op;
        final String path;
        final boolean async;
        volatile Thread waiter;

        Pending(int reqId, String op, String path, boolean async) {
            this.reqId = reqId;
            this.op = op;
            this.path = path;
            this.async = async;
        }
    }

    /** A request ready to be written. */
    record Request(XsType type, int txId, byte[] payload, String path) {
    }

    private final Transport transport;
    private final Consumer<WatchEvent> events;
    private final Consumer<XsConnection> onLost;
    /** A write that makes no progress this long fails the connection (the stream is then torn). */
    private final long writeStallMillis;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextReqId = new AtomicInteger();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readRole = new ReentrantLock();
    /** Guarded by readRole. */
    private ByteBuffer readBuf = ByteBuffer.allocateDirect(64 * 1024).order(XsMessage.ORDER);
    /**
     * Replies to asynchronous requests, read under the role and completed only after it
     * is released: completing runs the caller's dependent stages, which may well make
     * another (synchronous) call on this connection. Guarded by readRole.
     */
    private List<Runnable> deferred = new ArrayList<>();
    /** Callers parked without the role, to be woken when it frees up. */
    private final Set<Thread> parked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger asyncOutstanding = new AtomicInteger();
    private final AtomicInteger watchCount = new AtomicInteger();
    private final Thread background;
    private volatile boolean closing;
    private volatile XenstoreException failure;

    XsConnection(Transport transport, Duration writeStall, Consumer<WatchEvent> events,
                 Consumer<XsConnection> onLost) {
        this.transport = transport;
        this.writeStallMillis = Math.max(1, writeStall.toMillis());
        this.events = events;
        this.onLost = onLost;
        this.background = new Thread(this::backgroundLoop, "xenstore-reader " + transport.describe());
        background.setDaemon(true);
        background.start();
    }

    String describe() {
        return transport.describe();
    }

    boolean isOpen() {
        return failure == null && !closing;
    }

    /** Watches need someone reading even when no call is waiting. */
    void watchAdded() {
        if (watchCount.getAndIncrement() == 0) {
            LockSupport.unpark(background);
        }
    }

    void watchRemoved() {
        watchCount.decrementAndGet();
    }

    void watchesCleared() {
        watchCount.set(0);
    }

    private boolean backgroundNeeded() {
        return !transport.canPoll() || watchCount.get() > 0 || asyncOutstanding.get() > 0;
    }

    /** Sends one request whose caller will {@link #await} it. */
    Pending send(XsType type, int txId, byte[] payload, String path) {
        return sendAll(List.of(new Request(type, txId, payload, path)), false).get(0);
    }

    /**
     * Writes all requests with as few system calls as possible; replies come back in
     * any order. {@code async}: nobody will {@link #await} them, so the background
     * reader must collect their replies.
     */
    List<Pending> sendAll(List<Request> requests, boolean async) {
        List<Pending> out = new ArrayList<>(requests.size());
        ByteBuffer[] frames = new ByteBuffer[requests.size()];
        for (Request r : requests) {
            XsLimits.checkPayload(r.type().name(), r.path(), r.payload().length);
        }
        XenstoreException dead = failure;
        if (dead != null) {
            Request r = requests.get(0);
            throw new XenstoreException(dead.errorName(), r.type().name(), r.path(), dead.detail(), dead);
        }
        for (int i = 0; i < frames.length; i++) {
            Request r = requests.get(i);
            int id = newReqId();
            Pending p = new Pending(id, r.type().name(), r.path(), async);
            out.add(p);
            pending.put(id, p);
            XsMessage msg = new XsMessage(r.type().code(), id, r.txId(), r.payload());
            ByteBuffer buf = ByteBuffer.allocate(msg.frameSize());
            msg.encode(buf);
            buf.flip();
            frames[i] = buf;
        }
        if (async && asyncOutstanding.getAndAdd(out.size()) == 0) {
            LockSupport.unpark(background);
        }
        writeLock.lock();
        try {
            transport.write(frames, writeStallMillis);
        } catch (IOException | ClosedSelectorException e) {
            XenstoreException ex = e instanceof UnixSocketTransport.WriteStalledException
                    ? new XenstoreException("ETIMEDOUT", null, null, e.getMessage()
                            + "; connection to " + transport.describe() + " abandoned", e)
                    : closedError(e instanceof IOException io ? io : null);
            fail(ex);
            Request r = requests.get(0);
            throw new XenstoreException(ex.errorName(), r.type().name(), r.path(), ex.detail(), e);
        } finally {
            writeLock.unlock();
        }
        // The connection may have failed between our check and our put: fail what it missed.
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

    /** Waits for the reply (reading it ourselves when we can) and turns XS_ERROR into an exception. */
    XsMessage await(Pending p, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        p.waiter = Thread.currentThread();
        try {
            while (!p.isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    pending.remove(p.reqId);
                    if (!p.isDone()) {
                        throw new XenstoreException("ETIMEDOUT", p.op, p.path, "no reply from xenstored at "
                                + transport.describe() + " within " + timeout.toMillis() + " ms");
                    }
                    break;
                }
                if (transport.canPoll() && readRole.tryLock()) {
                    try {
                        while (!p.isDone() && deadline - System.nanoTime() > 0) {
                            readOnce(Math.min(SLICE_MILLIS, millisUntil(deadline)));
                            if (!deferred.isEmpty()) {
                                break; // let releaseRole complete them, then carry on
                            }
                        }
                    } finally {
                        releaseRole();
                    }
                } else {
                    parked.add(Thread.currentThread());
                    // Recheck after announcing ourselves, so a release in between is not missed.
                    if (!p.isDone() && (readRole.isLocked() || !transport.canPoll())) {
                        LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS)));
                    }
                    parked.remove(Thread.currentThread());
                    if (Thread.interrupted()) {
                        Thread.currentThread().interrupt();
                        pending.remove(p.reqId);
                        throw new XenstoreException("EINTR", p.op, p.path, "interrupted while waiting for xenstored");
                    }
                }
            }
        } finally {
            p.waiter = null;
        }
        try {
            return check(p, p.join());
        } catch (CompletionException e) {
            Throwable t = e.getCause();
            if (t instanceof XenstoreException xe) {
                // Rebuilt so that the stack trace shows this caller.
                throw new XenstoreException(xe.errorName(), p.op, p.path, xe.detail(), xe);
            }
            throw new XenstoreException("EIO", p.op, p.path, String.valueOf(t), t);
        }
    }

    private static long millisUntil(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1);
    }

    private void releaseRole() {
        List<Runnable> todo = null;
        if (!deferred.isEmpty()) {
            todo = deferred;
            deferred = new ArrayList<>();
        }
        readRole.unlock();
        // Someone parked may now take the role (their reply might be sitting unread).
        for (Thread t : parked) {
            LockSupport.unpark(t);
        }
        if (backgroundNeeded()) {
            LockSupport.unpark(background);
        }
        if (todo != null) {
            for (Runnable r : todo) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("completing an asynchronous xenstore request failed", e);
                }
            }
        }
    }

    /** The reply of a completed request, or the exception for an XS_ERROR reply. */
    static XsMessage check(Pending p, XsMessage m) {
        if (m.type() == XsType.ERROR.code()) {
            String name = m.text();
            throw new XenstoreException(name, p.op, p.path, QuotaHints.hint(name, p.op));
        }
        return m;
    }

    /** Reads in the background while watches or asynchronous requests need it. */
    private void backgroundLoop() {
        while (isOpen()) {
            if (!backgroundNeeded()) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS));
                continue;
            }
            readRole.lock();
            try {
                if (backgroundNeeded() && isOpen()) {
                    readOnce(SLICE_MILLIS);
                }
            } finally {
                releaseRole();
            }
        }
    }

    /** With the read role held: waits up to the timeout for data, reads and dispatches it. */
    private void readOnce(long timeoutMillis) {
        if (!isOpen()) {
            return;
        }
        try {
            int n = transport.read(readBuf);
            if (n == 0 && transport.canPoll()) {
                if (!transport.awaitReadable(timeoutMillis)) {
                    return;
                }
                n = transport.read(readBuf);
            }
            if (n < 0) {
                throw new XenstoreException("ECONNRESET", null, null,
                        "xenstored at " + transport.describe() + " closed the connection");
            }
            if (n > 0) {
                parseFrames();
            }
        } catch (XenstoreException e) {
            fail(e);
        } catch (ClosedChannelException | ClosedSelectorException e) {
            fail(closedError(null));
        } catch (IOException e) {
            fail(closedError(e));
        } catch (RuntimeException e) {
            fail(new XenstoreException("EIO", null, null, "reading from xenstored at "
                    + transport.describe() + " failed: " + e, e));
        }
    }

    private XenstoreException closedError(IOException e) {
        if (closing) {
            return new XenstoreException("ECONNRESET", null, null, "connection to xenstored was closed by the client");
        }
        return new XenstoreException("ECONNRESET", null, null, "xenstored at " + transport.describe()
                + " closed the connection" + (e == null ? "" : " (" + e.getMessage() + ")"), e);
    }

    private void parseFrames() {
        ByteBuffer buf = readBuf;
        buf.flip();
        while (buf.remaining() >= XsMessage.HEADER_SIZE) {
            int len = buf.getInt(buf.position() + 12);
            // We never send more than PAYLOAD_MAX, but oxenstored replies with bigger
            // DIRECTORY listings (seen: 6300 bytes), so accept those.
            if (len < 0 || len > MAX_REPLY) {
                throw new XenstoreException("EPROTO", null, null, "xenstored at "
                        + transport.describe() + " sent a frame with payload length " + len);
            }
            if (buf.remaining() < XsMessage.HEADER_SIZE + len) {
                if (buf.capacity() < XsMessage.HEADER_SIZE + len) {
                    ByteBuffer bigger = ByteBuffer.allocateDirect(XsMessage.HEADER_SIZE + len).order(XsMessage.ORDER);
                    bigger.put(buf);
                    readBuf = bigger;
                    return;
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
        complete(p, m, null);
    }

    private void complete(Pending p, XsMessage m, XenstoreException e) {
        if (p.async) {
            asyncOutstanding.decrementAndGet();
            if (readRole.isHeldByCurrentThread()) {
                deferred.add(() -> finish(p, m, e));
                return;
            }
        }
        finish(p, m, e);
    }

    private void finish(Pending p, XsMessage m, XenstoreException e) {
        if (e == null) {
            p.complete(m);
        } else {
            p.completeExceptionally(new XenstoreException(e.errorName(), p.op, p.path, e.detail(), e));
        }
        Thread w = p.waiter;
        if (w != null && w != Thread.currentThread()) {
            LockSupport.unpark(w);
        }
    }

    private void fail(XenstoreException e) {
        boolean first = false;
        synchronized (this) {
            if (failure == null) {
                failure = e;
                first = true;
                if (!closing) {
                    LOG.warn("{}", e.getMessage());
                }
            }
        }
        failAll(failure);
        try {
            transport.close();
        } catch (IOException ignored) {
            // already failing; nothing more to report
        }
        LockSupport.unpark(background);
        if (first && !closing) {
            try {
                onLost.accept(this);
            } catch (RuntimeException ex) {
                LOG.warn("connection-lost handler failed", ex);
            }
        }
    }

    private void failAll(XenstoreException e) {
        for (Pending p : pending.values()) {
            if (pending.remove(p.reqId, p)) {
                complete(p, null, e);
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        fail(new XenstoreException("ECONNRESET", null, null, "connection to xenstored was closed by the client"));
        transport.wakeup();
        try {
            background.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
