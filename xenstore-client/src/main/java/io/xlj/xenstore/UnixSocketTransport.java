package io.xlj.xenstore;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * xenstored's Unix stream socket, through the JDK's own Unix domain sockets. The
 * channel is non-blocking: reads return at once and waiting happens in
 * {@link #awaitReadable} (epoll), so a waiting caller can give up after its timeout.
 * Reads and writes each have their own selector, used by one thread at a time (the
 * read-role holder and the write-lock holder respectively).
 */
final class UnixSocketTransport implements Transport {
    private final SocketChannel channel;
    private final Path path;
    private final Selector readSelector;
    private final Selector writeSelector;

    UnixSocketTransport(Path path) throws IOException {
        this.path = path;
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(path));
            ch.configureBlocking(false);
            this.readSelector = Selector.open();
            this.writeSelector = Selector.open();
            ch.register(readSelector, SelectionKey.OP_READ);
            ch.register(writeSelector, SelectionKey.OP_WRITE);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        this.channel = ch;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public boolean canPoll() {
        return true;
    }

    @Override
    public boolean awaitReadable(long timeoutMillis) throws IOException {
        int n = readSelector.select(Math.max(1, timeoutMillis));
        readSelector.selectedKeys().clear();
        return n > 0;
    }

    @Override
    public void wakeup() {
        readSelector.wakeup();
    }

    @Override
    public void write(ByteBuffer[] srcs, long stallMillis) throws IOException {
        long remaining = 0;
        for (ByteBuffer b : srcs) {
            remaining += b.remaining();
        }
        long stalledSince = 0;
        while (remaining > 0) {
            long n = channel.write(srcs);
            remaining -= n;
            if (n > 0) {
                stalledSince = 0;
                continue;
            }
            // The socket buffer is full: xenstored is behind; wait until it reads.
            long now = System.nanoTime();
            if (stalledSince == 0) {
                stalledSince = now;
            } else if (now - stalledSince > stallMillis * 1_000_000L) {
                throw new WriteStalledException("xenstored has not read from its socket for " + stallMillis + " ms");
            }
            writeSelector.select(Math.max(1, Math.min(stallMillis, 1000)));
            writeSelector.selectedKeys().clear();
            if (!channel.isOpen()) {
                throw new IOException("socket closed while writing");
            }
        }
    }

    /** The daemon stopped reading; the frame may be half written, so the stream is lost. */
    static final class WriteStalledException extends IOException {
        private static final long serialVersionUID = 1L;

        WriteStalledException(String message) {
            super(message);
        }
    }

    @Override
    public String describe() {
        return "socket " + path;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            readSelector.close();
            writeSelector.close();
        }
    }
}
