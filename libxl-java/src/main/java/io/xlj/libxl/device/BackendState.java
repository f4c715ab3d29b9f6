package io.xlj.libxl.device;

import io.xlj.xenstore.WatchEvent;
import io.xlj.xenstore.WatchQueue;
import io.xlj.xenstore.XenstoreClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * libxl__ev_devstate_wait: watch a backend's {@code state} node until it holds the wanted
 * XenbusState, or give up after the timeout (LIBXL_INIT_TIMEOUT / LIBXL_DESTROY_TIMEOUT, 10 s).
 */
public final class BackendState {

    public static final int INIT_WAIT = 2;
    public static final int CONNECTED = 4;
    public static final int CLOSING = 5;
    public static final int CLOSED = 6;
    public static final Duration INIT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DESTROY_TIMEOUT = Duration.ofSeconds(10);

    private BackendState() {
    }

    /** True when {@code statePath} reached {@code wanted} within {@code timeout}. */
    public static boolean await(XenstoreClient xs, String statePath, int wanted, Duration timeout) {
        return awaitValue(xs, statePath, v -> is(v, wanted), timeout);
    }

    /**
     * The loop under libxl's devstate wait and its xswait: watch {@code path} until its value
     * (empty when the node is missing) satisfies {@code done}; true when it did within
     * {@code timeout}, false on timeout or interruption (the interrupt flag is kept).
     */
    public static boolean awaitValue(XenstoreClient xs, String path, Predicate<Optional<String>> done,
                                     Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        try (WatchQueue q = xs.watchQueue(path)) {
            while (true) {
                if (done.test(xs.readOptional(path))) {
                    return true;
                }
                Duration left = Duration.between(Instant.now(), end);
                if (left.isNegative() || left.isZero()) {
                    return false;
                }
                WatchEvent ev = q.poll(left);
                if (ev == null) {
                    return done.test(xs.readOptional(path));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean is(Optional<String> v, int wanted) {
        if (v.isEmpty()) {
            return false;
        }
        String s = v.get().trim();
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i > 0 && i < 10 && Integer.parseInt(s.substring(0, i)) == wanted;
    }
}
