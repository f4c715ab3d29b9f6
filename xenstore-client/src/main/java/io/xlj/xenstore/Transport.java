package io.xlj.xenstore;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A byte stream to xenstored. Reads (by the connection's reader thread) and writes
 * (by callers, under the connection's write lock) happen concurrently, so an
 * implementation must not serialise the two directions.
 */
interface Transport extends Closeable {
    /** Blocks until at least one byte is read; returns -1 at end of stream. */
    int read(ByteBuffer dst) throws IOException;

    /** Writes all remaining bytes of the buffers. */
    void write(ByteBuffer[] srcs) throws IOException;

    /** Where this transport goes, for messages. */
    String describe();
}
