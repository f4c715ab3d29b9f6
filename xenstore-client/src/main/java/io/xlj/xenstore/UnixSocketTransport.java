package io.xlj.xenstore;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** xenstored's Unix stream socket, through the JDK's own Unix domain sockets. */
final class UnixSocketTransport implements Transport {
    private final SocketChannel channel;
    private final Path path;

    UnixSocketTransport(Path path) throws IOException {
        this.path = path;
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(path));
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
    public void write(ByteBuffer[] srcs) throws IOException {
        long remaining = 0;
        for (ByteBuffer b : srcs) {
            remaining += b.remaining();
        }
        while (remaining > 0) {
            remaining -= channel.write(srcs);
        }
    }

    @Override
    public String describe() {
        return "socket " + path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
