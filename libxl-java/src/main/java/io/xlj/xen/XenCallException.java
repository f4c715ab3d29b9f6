package io.xlj.xen;

import java.util.OptionalInt;

/**
 * A libxenctrl/libxenguest call failed. The message names the call, the domain (when
 * there is one), the errno by name, and what libxc itself logged about the failure.
 */
public class XenCallException extends XenException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final Integer domid;
    private final int errno;

    public XenCallException(String call, Integer domid, int errno, String libxcMessage) {
        super(format(call, domid, errno, libxcMessage));
        this.call = call;
        this.domid = domid;
        this.errno = errno;
    }

    private static String format(String call, Integer domid, int errno, String libxcMessage) {
        StringBuilder sb = new StringBuilder(call).append(" failed");
        if (domid != null) {
            sb.append(" for domain ").append(Integer.toUnsignedString(domid));
        }
        if (errno > 0) {
            sb.append(": ").append(Errno.name(errno)).append(" (").append(Errno.describe(errno)).append(')');
        }
        if (libxcMessage != null && !libxcMessage.isBlank()) {
            sb.append("; libxc: ").append(libxcMessage.strip());
        }
        return sb.toString();
    }

    /** The C function, e.g. "xc_domain_pause". */
    public String call() {
        return call;
    }

    public OptionalInt domid() {
        return domid == null ? OptionalInt.empty() : OptionalInt.of(domid);
    }

    /** The errno value, 0 if the call did not set one. */
    public int errno() {
        return errno;
    }

    /** The errno's name, e.g. "ESRCH". */
    public String errnoName() {
        return Errno.name(errno);
    }
}
