package io.xlj.xenstore;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The kernel's xenbus character device ({@code /dev/xen/xenbus}), used where xenstored
 * lives in a stub domain. The device keeps per-open state, so reads and writes must use
 * one file descriptor; a FileChannel would serialise a blocked read against writes, so
 * the two directions get separate streams over the same descriptor instead.
 *
 * <p>One request at a time: Linux's xenbus driver (xenbus_dev_frontend.c) queues a
 * request whose payload still points into the file's one message buffer, and the next
 * write reuses that buffer, so a second request written before the first reached
 * xenstored corrupts it (seen in the lab: EINVAL for reads of valid paths). C libxenstore
 * never has two in flight; neither do we here: a write waits until every earlier request
 * has its reply. The connection's background thread always reads this transport (it
 * cannot poll), so the reply that frees the writer is always being read.
 */
final class XenbusTransport implements Transport {
    private final RandomAccessFile file;
    private final FileInputStream in;
    private final FileOutputStream out;
    private final Path path;
    private final ReplyCounter replies = new ReplyCounter();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition answered = lock.newCondition();
    /** Requests written and not yet answered (0 or 1). Guarded by lock. */
    private int unanswered;

    XenbusTransport(Path path) throws IOException {
        this.path = path;
        this.file = new RandomAccessFile(path.toFile(), "rw");
        this.in = new FileInputStream(file.getFD());
        this.out = new FileOutputStream(file.getFD());
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        byte[] tmp = new byte[dst.remaining()];
        int n = in.read(tmp);
        if (n > 0) {
            dst.put(tmp, 0, n);
            int done = replies.feed(tmp, n);
            if (done > 0) {
                lock.lock();
                try {
                    unanswered = Math.max(0, unanswered - done);
                    answered.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
        return n;
    }

    @Override
    public boolean canPoll() {
        return false;
    }

    @Override
    public boolean awaitReadable(long timeoutMillis) {
        return true;
    }

    @Override
    public void wakeup() {
        // Reads block in the device; only close() ends them.
    }

    @Override
    public void write(ByteBuffer[] srcs, long stallMillis) throws IOException {
        // The driver parses whole messages: one write per frame (each buffer is one frame).
        for (ByteBuffer b : srcs) {
            byte[] tmp = new byte[b.remaining()];
            b.get(tmp);
            awaitAnswered(stallMillis);
            out.write(tmp);
        }
    }

    @Override
    public String describe() {
        return "device " + path;
    }

    /** Waits until the request written before has its reply, then counts the next one. */
    private void awaitAnswered(long stallMillis) throws IOException {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(stallMillis);
            while (unanswered > 0) {
                if (!file.getChannel().isOpen()) {
                    throw new IOException("device closed while writing");
                }
                if (left <= 0) {
                    throw new UnixSocketTransport.WriteStalledException(
                            "xenstored has not answered the previous request through " + path + " for "
                                    + stallMillis + " ms");
                }
                left = answered.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            unanswered++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to write to " + path);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /**
     * Follows the frames of the byte stream read from the device and counts the replies
     * among them (every frame but a watch event answers exactly one request).
     */
    static final class ReplyCounter {
        private final byte[] header = new byte[XsMessage.HEADER_SIZE];
        private int headerFill;
        private long bodyLeft;
        private int type;

        /** Consumes {@code n} bytes; returns how many replies they completed. */
        int feed(byte[] bytes, int n) {
            int done = 0;
            int i = 0;
            while (i < n) {
                if (headerFill < header.length) {
                    int take = Math.min(header.length - headerFill, n - i);
                    System.arraycopy(bytes, i, header, headerFill, take);
                    headerFill += take;
                    i += take;
                    if (headerFill < header.length) {
                        break;
                    }
                    ByteBuffer h = ByteBuffer.wrap(header).order(XsMessage.ORDER);
                    type = h.getInt(0);
                    bodyLeft = Integer.toUnsignedLong(h.getInt(12));
                }
                int take = (int) Math.min(bodyLeft, n - i);
                bodyLeft -= take;
                i += take;
                if (bodyLeft == 0) {
                    if (type != XsType.WATCH_EVENT.code()) {
                        done++;
                    }
                    headerFill = 0;
                }
            }
            return done;
        }
    }
}
