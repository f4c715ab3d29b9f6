package io.xlj.xenstore;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A byte stream to xenstored. Reads (by whoever holds the connection's read role) and
 * writes (by callers, under the connection's write lock) happen concurrently, so an
 * implementation must not serialise the two directions.
 */
interface Transport extends Closeable {
    /**
     * Reads what is available. A polling transport returns 0 at once when nothing is;
     * a blocking one waits for at least one byte. Returns -1 at end of stream.
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Whether {@link #read} never blocks and {@link #awaitReadable} works. Only then can
     * a caller wait for its own reply in the kernel (no thread hand-off) and still time out.
     */
    boolean canPoll();

    /** Waits up to the timeout for data; true if some may be there. Polling transports only. */
    boolean awaitReadable(long timeoutMillis) throws IOException;

    /** Wakes a thread blocked in {@link #awaitReadable}. */
    void wakeup();

    /**
     * Writes all remaining bytes of the buffers, waiting for room if need be; gives up
     * with an IOException when the daemon takes nothing for {@code stallMillis}.
     */
    void write(ByteBuffer[] srcs, long stallMillis) throws IOException;

    /** Where this transport goes, for messages. */
    String describe();
}
