package io.xlj.xen;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/** Opaque {@code xc_interface *}: a handle from {@code xc_interface_open}. */
public class XcInterface extends PointerType {
    public XcInterface() {
        super();
    }

    public XcInterface(Pointer p) {
        super(p);
    }
}
