package io.xlj.xen;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** Raw binding of {@code libxentoollog.so.1} ({@code xentoollog.h}). */
public interface XenToolLogLibrary extends Library {

    String SONAME = "libxentoollog.so.1";

    /** Formats and delivers one message through {@code logger}'s vmessage. Varargs. */
    void xtl_log(XentoollogLogger logger, int level, int errnoval, String context, String format, Object... args);

    /** Calls {@code logger->destroy}; NULL is fine. */
    void xtl_logger_destroy(XentoollogLogger logger);

    /** Never fails: "debug", "verbose", …, or "unknown". */
    String xtl_level_to_string(int level);

    /** @param f a C {@code FILE *}. */
    XentoollogLogger xtl_createlogger_stdiostream(Pointer f, int min_level, int flags);
}
