package io.xlj.xen;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** The few libc functions the bindings need (formatting libxc's log messages, errno text). */
public interface LibC extends Library {

    String SONAME = "libc.so.6";

    /** @param ap a {@code va_list}, which on x86_64 is a pointer to a {@code __va_list_tag}. */
    int vsnprintf(byte[] str, long size, Pointer format, Pointer ap);

    String strerror(int errnum);

    /** Address of the calling thread's errno, so a callback can preserve it for its caller. */
    Pointer __errno_location();
}
