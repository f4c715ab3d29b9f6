package io.xlj.xen;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;

/**
 * {@code struct xentoollog_logger} ({@code xentoollog.h}): the vtable every Xen tool
 * library logs through. A logger is a pointer to this struct; xlj fills it with Java
 * callbacks ({@link Slf4jToolLogger}) so that libxc never writes to stderr on its own.
 */
@FieldOrder({"vmessage", "progress", "destroy"})
public class xentoollog_logger extends XenStructure {

    /**
     * {@code void (*vmessage)(xentoollog_logger *, xentoollog_level, int errnoval,
     * const char *context, const char *format, va_list)}. On x86_64 a {@code va_list}
     * parameter is a pointer to the caller's {@code __va_list_tag}.
     */
    public interface VMessage extends Callback {
        void invoke(Pointer logger, int level, int errnoval, String context, Pointer format, Pointer args);
    }

    /** {@code void (*progress)(logger, context, doing_what, int percent, unsigned long done, unsigned long total)}. */
    public interface Progress extends Callback {
        void invoke(Pointer logger, String context, String doingWhat, int percent, long done, long total);
    }

    /** {@code void (*destroy)(logger)}. */
    public interface Destroy extends Callback {
        void invoke(Pointer logger);
    }

    public VMessage vmessage;
    public Progress progress;
    public Destroy destroy;
}
