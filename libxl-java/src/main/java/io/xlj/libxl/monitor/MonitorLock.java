package io.xlj.libxl.monitor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * One {@link DomainMonitor} per host: two would both restart a rebooting guest. The daemon
 * that monitors holds an exclusive lock on {@link #PATH} for its whole life and writes its
 * pid there; another refuses to start and names the holder. The kernel drops the lock when
 * the holder dies, even by {@code kill -9}, so a stale file never blocks a restart.
 */
public final class MonitorLock implements AutoCloseable {

    public static final Path PATH = Path.of("/run/xlj/xljd.lock");

    private final FileChannel channel;
    private final FileLock lock;

    private MonitorLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock at {@code path} or fails with a message naming the daemon that holds it.
     *
     * @throws IllegalStateException when another process holds it
     */
    public static MonitorLock acquire(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (l == null) {
            ch.close();
            OptionalLong pid = holder(path);
            throw new IllegalStateException("another xljd" + (pid.isPresent() ? " (pid " + pid.getAsLong() + ")" : "")
                    + " already monitors this host's domains (lock " + path + ")");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return new MonitorLock(ch, l);
    }

    /** The pid written by the daemon holding (or last holding) the lock at {@code path}. */
    public static OptionalLong holder(Path path) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
