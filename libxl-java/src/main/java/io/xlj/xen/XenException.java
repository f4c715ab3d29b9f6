package io.xlj.xen;

/** Base of every failure the Xen bindings report. Unchecked: callers decide where to handle. */
public class XenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public XenException(String message) {
        super(message);
    }

    public XenException(String message, Throwable cause) {
        super(message, cause);
    }
}
