package io.xlj.xen;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The few libxenctrl functions on xljd's hot path, bound by JNA's direct mapping (a native
 * method per function) instead of {@link XenCtrlLibrary}'s interface proxy: a call costs
 * ~0.1 us instead of ~1.5 us on the build host (C1), where {@code list} runs every time a
 * dashboard polls. Loaded when first used, after {@link XenLibraries} has checked the library.
 */
final class XenCtrlDirect {

    static {
        Native.register(NativeLibrary.getInstance(XenCtrlLibrary.SONAME));
    }

    private XenCtrlDirect() {
    }

    /** As {@link XenCtrlLibrary#xc_domain_getinfolist}, with the handle as a plain pointer. */
    static native int xc_domain_getinfolist(Pointer xch, int first_domain, int max_domains, Pointer info);
}
