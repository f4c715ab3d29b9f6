package io.xlj.xen;

/**
 * This host cannot talk to a hypervisor: it is not a Xen dom0 (no {@code /dev/xen/privcmd})
 * or the Xen libraries are not installed.
 */
public class XenNotAvailableException extends XenException {
    private static final long serialVersionUID = 1L;

    public XenNotAvailableException(String message) {
        super(message);
    }

    public XenNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
