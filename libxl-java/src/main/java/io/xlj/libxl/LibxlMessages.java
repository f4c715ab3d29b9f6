package io.xlj.libxl;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libxl's log lines for an operation that goes on despite them (libxl logs the error and
 * carries on), which xl prints on its stderr: the caller of an operation collects them for
 * its thread with {@link #to}; without a collector they go to the log only.
 */
public final class LibxlMessages {

    private static final Logger LOG = LoggerFactory.getLogger(LibxlMessages.class);
    private static final ThreadLocal<Consumer<String>> SINK = new ThreadLocal<>();

    private LibxlMessages() {
    }

    /** Until the returned scope is closed, this thread's libxl lines go to {@code sink} too. */
    public static Scope to(Consumer<String> sink) {
        Consumer<String> before = SINK.get();
        SINK.set(sink);
        return () -> {
            if (before == null) {
                SINK.remove();
            } else {
                SINK.set(before);
            }
        };
    }

    /** A libxl error line ("file:line:function: text") that did not stop the operation. */
    static void error(String line) {
        LOG.warn("libxl would log: {}", line);
        Consumer<String> sink = SINK.get();
        if (sink != null) {
            sink.accept("libxl: error: " + line);
        }
    }

    /** The scope of a {@link #to} collector. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
