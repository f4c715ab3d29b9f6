package io.xlj.xen;

import com.sun.jna.Memory;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code xentoollog_logger} whose vtable calls back into Java and hands every message
 * to SLF4J, so that libxenctrl/libxenguest never print to stderr behind our back.
 *
 * <p>Messages go to the logger {@code io.xlj.xen.libxc.<context>} (context is "xc",
 * "xencall", "xenguest"…). The text reads as the stdio logger would write it: the
 * formatted message, then ": strerror(errnoval)" when libxc passed an errno. Levels:
 * DEBUG → trace; VERBOSE, DETAIL → debug; PROGRESS, INFO, NOTICE → info; WARN → warn;
 * ERROR, CRITICAL → error.
 *
 * <p>The last error-level message of each thread is kept so that a failing call can
 * say, in its exception, what libxc said about it.
 *
 * <p>One instance serves the whole process ({@link #shared()}): libxc keeps the logger
 * pointer for the lifetime of every handle, so the struct and its callbacks must never
 * be freed or collected.
 */
public final class Slf4jToolLogger {

    private static final String LOGGER_PREFIX = "io.xlj.xen.libxc";
    /** sizeof(__va_list_tag) on x86_64 SysV; copying it is what va_copy does there. */
    private static final int X86_64_VA_LIST_SIZE = 24;
    private static final int FIRST_BUFFER = 512;

    private static final Slf4jToolLogger SHARED = new Slf4jToolLogger();

    private final ThreadLocal<String> lastError = new ThreadLocal<>();
    private final xentoollog_logger vtable = new xentoollog_logger();
    private final XentoollogLogger handle;

    private Slf4jToolLogger() {
        vtable.vmessage = this::vmessage;
        vtable.progress = this::progress;
        vtable.destroy = logger -> {
            // Java owns this struct; libxc only calls destroy on loggers it created itself.
        };
        vtable.write();
        handle = new XentoollogLogger(vtable.getPointer());
    }

    /** The process-wide logger. */
    public static Slf4jToolLogger shared() {
        return SHARED;
    }

    /** The pointer to pass as {@code xentoollog_logger *}. */
    public XentoollogLogger handle() {
        return handle;
    }

    /** Forget this thread's last error message (call before a libxc call). */
    public void clearLastError() {
        lastError.remove();
    }

    /** This thread's last error-level message since {@link #clearLastError()}, or null. */
    public String lastError() {
        return lastError.get();
    }

    private void vmessage(Pointer logger, int level, int errnoval, String context, Pointer format, Pointer args) {
        // The JVM may clobber errno while we run; libxc's caller reads it after we return.
        Pointer errnoLocation = XenLibraries.libc().__errno_location();
        int savedErrno = errnoLocation.getInt(0);
        try {
            Logger log = LoggerFactory.getLogger(context == null ? LOGGER_PREFIX : LOGGER_PREFIX + "." + context);
            boolean isError = level >= XenConstants.XTL_ERROR;
            if (!isError && !enabled(log, level)) {
                return;
            }
            String text = format(format, args);
            if (errnoval >= 0) {
                text = text + ": " + Errno.describe(errnoval);
            }
            if (isError) {
                lastError.set(context == null ? text : context + ": " + text);
            }
            emit(log, level, text);
        } catch (RuntimeException e) {
            // An exception must never unwind into C.
            LoggerFactory.getLogger(LOGGER_PREFIX).warn("could not deliver a libxc log message", e);
        } finally {
            errnoLocation.setInt(0, savedErrno);
        }
    }

    private void progress(Pointer logger, String context, String doingWhat, int percent, long done, long total) {
        Logger log = LoggerFactory.getLogger(context == null ? LOGGER_PREFIX : LOGGER_PREFIX + "." + context);
        if (log.isDebugEnabled()) {
            log.debug("{}: {}% ({}/{})", doingWhat, percent, Long.toUnsignedString(done), Long.toUnsignedString(total));
        }
    }

    /** Runs C's vsnprintf over libxc's format and va_list. */
    private static String format(Pointer format, Pointer args) {
        if (format == null) {
            return "";
        }
        LibC libc = XenLibraries.libc();
        byte[] buf = new byte[FIRST_BUFFER];
        boolean canRetry = Platform.isLinux() && Platform.isIntel() && Platform.is64Bit();
        Pointer firstArgs = args;
        if (canRetry) {
            // vsnprintf consumes a va_list; format from a copy so the original can be reused
            // when the first buffer turns out too small.
            Memory copy = new Memory(X86_64_VA_LIST_SIZE);
            copy.write(0, args.getByteArray(0, X86_64_VA_LIST_SIZE), 0, X86_64_VA_LIST_SIZE);
            firstArgs = copy;
        }
        int n = libc.vsnprintf(buf, buf.length, format, firstArgs);
        if (n >= buf.length && canRetry) {
            buf = new byte[n + 1];
            n = libc.vsnprintf(buf, buf.length, format, args);
        }
        if (n < 0) {
            return format.getString(0);
        }
        int len = Math.min(n, buf.length - 1);
        while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) {
            len--;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    private static boolean enabled(Logger log, int level) {
        if (level <= XenConstants.XTL_DEBUG) {
            return log.isTraceEnabled();
        } else if (level <= XenConstants.XTL_DETAIL) {
            return log.isDebugEnabled();
        } else if (level <= XenConstants.XTL_NOTICE) {
            return log.isInfoEnabled();
        } else if (level == XenConstants.XTL_WARN) {
            return log.isWarnEnabled();
        }
        return log.isErrorEnabled();
    }

    private static void emit(Logger log, int level, String text) {
        if (level <= XenConstants.XTL_DEBUG) {
            log.trace(text);
        } else if (level <= XenConstants.XTL_DETAIL) {
            log.debug(text);
        } else if (level <= XenConstants.XTL_NOTICE) {
            log.info(text);
        } else if (level == XenConstants.XTL_WARN) {
            log.warn(text);
        } else {
            log.error(text);
        }
    }
}
