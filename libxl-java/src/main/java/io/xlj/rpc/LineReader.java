package io.xlj.rpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Splits a byte channel into {@code \n}-terminated lines, holding at most {@code limit} bytes
 * of one line: the rest of a longer line is read and thrown away so that the stream stays in
 * step, and the line is reported as oversize. Reads the channel directly (not through
 * {@code Channels.newInputStream}, whose reads hold a lock that would block a concurrent
 * writer on the same socket).
 */
final class LineReader {

    /** One line without its newline; {@code bytes} is empty when {@code oversize}. */
    record Line(byte[] bytes, boolean oversize, long length) {
    }

    private final ReadableByteChannel channel;
    private final int limit;
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024).flip();

    LineReader(ReadableByteChannel channel, int limit) {
        this.channel = channel;
        this.limit = limit;
    }

    /** The next line, or null at end of stream (a last line without newline still counts). */
    Line next() throws IOException {
        ByteArrayOutputStream acc = new ByteArrayOutputStream();
        long length = 0;
        boolean any = false;
        while (true) {
            if (!buf.hasRemaining()) {
                buf.clear();
                int n = channel.read(buf);
                buf.flip();
                if (n < 0) {
                    return any ? finish(acc, length) : null;
                }
                continue;
            }
            any = true;
            int start = buf.position();
            int end = start;
            int stop = buf.limit();
            byte[] a = buf.array();
            while (end < stop && a[end] != '\n') {
                end++;
            }
            int n = end - start;
            if (length + n <= limit) {
                acc.write(a, start, n);
            }
            length += n;
            if (end < stop) {
                buf.position(end + 1);
                return finish(acc, length);
            }
            buf.position(end);
        }
    }

    private Line finish(ByteArrayOutputStream acc, long length) {
        if (length > limit) {
            return new Line(new byte[0], true, length);
        }
        return new Line(acc.toByteArray(), false, length);
    }
}
