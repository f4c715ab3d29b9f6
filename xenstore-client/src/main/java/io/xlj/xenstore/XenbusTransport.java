package io.xlj.xenstore;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The kernel's xenbus character device ({@code /dev/xen/xenbus}), used where xenstored
 * lives in a stub domain. The device keeps per-open state, so reads and writes must use
 * one file descriptor; a FileChannel would serialise a blocked read against writes, so
 * the two directions get separate streams over the same descriptor instead.
 */
final class XenbusTransport implements Transport {
    private final RandomAccessFile file;
    private final FileInputStream in;
    private final FileOutputStream out;
    private final Path path;

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
        // The driver parses whole messages; one write per frame keeps that simple.
        for (ByteBuffer b : srcs) {
            byte[] tmp = new byte[b.remaining()];
            b.get(tmp);
            out.write(tmp);
        }
    }

    @Override
    public String describe() {
        return "device " + path;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
