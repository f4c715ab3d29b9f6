package io.xlj.xen;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A lock held the way libxl 4.17 holds its lock files (libxl__lock_file): an exclusive
 * {@code flock(2)} on the file, which the holder unlinks before it closes the descriptor. A
 * waiter that wakes up holding a descriptor of an unlinked file therefore checks that the path
 * still names the inode it locked, and starts over if not. Holding the same file libxl locks
 * (the domain userdata lock, the domid history lock) keeps xlj and Xen's xl from interleaving
 * their updates of one domain's files.
 */
public final class LibxlLockFile implements AutoCloseable {

    private final Path path;
    private int fd;

    private LibxlLockFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Waits until the lock is held; creates the file (mode 0666 less the umask, as libxl) if needed. */
    public static LibxlLockFile acquire(Path path) {
        LibC libc = XenLibraries.libc();
        while (true) {
            int fd;
            try {
                fd = libc.open(path.toString(), LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, 0666);
            } catch (LastErrorException e) {
                throw failure("cannot open lockfile " + path, e);
            }
            try {
                lock(libc, fd, path);
                if (sameFile(fd, path)) {
                    return new LibxlLockFile(path, fd);
                }
            } catch (RuntimeException e) {
                closeQuietly(libc, fd);
                throw e;
            }
            closeQuietly(libc, fd); // the holder before us unlinked it: lock the new file
        }
    }

    private static void lock(LibC libc, int fd, Path path) {
        while (true) {
            try {
                libc.flock(fd, LibC.LOCK_EX);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != 4) { // EINTR: a signal, try again
                    throw failure("unexpected error while trying to lock " + path + ", fd=" + fd, e);
                }
            }
        }
    }

    /** Does {@code path} still name the inode open on {@code fd}? */
    private static boolean sameFile(int fd, Path path) {
        try {
            Path open = Path.of("/proc/self/fd/" + fd);
            return Files.getAttribute(open, "unix:ino").equals(Files.getAttribute(path, "unix:ino"))
                    && Files.getAttribute(open, "unix:dev").equals(Files.getAttribute(path, "unix:dev"));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat lockfile " + path + ": " + e.getMessage(), e);
        }
    }

    /** The locked file. */
    public Path path() {
        return path;
    }

    /** Unlinks the file, then closes it (in that order, see libxl__unlock_file). */
    @Override
    public void close() {
        if (fd < 0) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove lockfile " + path + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(XenLibraries.libc(), fd);
            fd = -1;
        }
    }

    private static void closeQuietly(LibC libc, int fd) {
        try {
            libc.close(fd);
        } catch (LastErrorException ignored) {
            // Nothing to undo: the descriptor is gone either way.
        }
    }

    private static UncheckedIOException failure(String what, LastErrorException e) {
        int errno = e.getErrorCode();
        return new UncheckedIOException(new IOException(what + ": " + Errno.name(errno) + " (" + Errno.describe(errno) + ")"));
    }
}
