package io.xlj.xen;

/** The Xen libraries or the running hypervisor are not the version these bindings were built for. */
public class XenAbiException extends XenException {
    private static final long serialVersionUID = 1L;

    private final String found;

    public XenAbiException(String what, String found) {
        super(what + ": found " + found + ", but xlj supports only Xen " + XenLibraries.SUPPORTED_VERSION
                + " (" + XenCtrlLibrary.SONAME + ", " + XenGuestLibrary.SONAME + ")");
        this.found = found;
    }

    /** What was found instead of Xen 4.17 (a version or a library file name). */
    public String found() {
        return found;
    }
}
