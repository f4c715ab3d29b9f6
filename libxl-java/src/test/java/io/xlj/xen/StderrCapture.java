package io.xlj.xen;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points file descriptor 2 at a file for the duration of an action, so a test can see
 * what native code writes to stderr behind Java's back.
 */
final class StderrCapture {

    interface Posix extends Library {
        int open(String path, int flags, int mode);

        int dup(int fd);

        int dup2(int from, int to);

        int close(int fd);

        int fflush(Pointer stream);
    }

    private static final Posix POSIX = Native.load("libc.so.6", Posix.class);
    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_TRUNC = 01000;
    private static final int STDERR = 2;

    private StderrCapture() {
    }

    /** Runs {@code action} with fd 2 redirected and returns everything written to it. */
    static String capture(Path file, Runnable action) throws IOException {
        System.err.flush();
        int fd = POSIX.open(file.toString(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0) {
            throw new IOException("open " + file + ": " + Errno.name(Native.getLastError()));
        }
        int saved = POSIX.dup(STDERR);
        try {
            POSIX.dup2(fd, STDERR);
            try {
                action.run();
            } finally {
                POSIX.fflush(null);
                POSIX.dup2(saved, STDERR);
            }
        } finally {
            POSIX.close(saved);
            POSIX.close(fd);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
