package io.xlj.xen;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.BitSet;

/**
 * The few libxenctrl calls behind {@code xl info} and {@code xl trigger}: the page size,
 * the platform parameters, the build id, the sharing counters, the CPUs outside every
 * cpupool, and domain triggers. Called through the handle {@link XenCtrl} opened.
 */
public final class XenHostQueries {

    /** The prototypes, from xenctrl.h of Xen 4.17. */
    interface Lib extends Library {
        String SONAME = XenCtrlLibrary.SONAME;

        int xc_version(XcInterface xch, int cmd, Pointer arg);

        long xc_sharing_freed_pages(XcInterface xch);

        long xc_sharing_used_frames(XcInterface xch);

        /** A malloc'd cpumap of xc_get_cpumap_size bytes, or NULL. */
        Pointer xc_cpupool_freeinfo(XcInterface xch);

        int xc_get_cpumap_size(XcInterface xch);

        int xc_domain_send_trigger(XcInterface xch, int domid, int trigger, int vcpu);
    }

    static final int XENVER_platform_parameters = 5;
    static final int XENVER_pagesize = 7;
    static final int XENVER_build_id = 10;
    /** sizeof the union libxl_get_version_info passes: its largest member, xen_commandline_t. */
    private static final int VERSION_UNION_SIZE = 1024;

    private static final class Holder {
        static final Lib LIB = Native.load(Lib.SONAME, Lib.class);
    }

    private final XenCtrl xc;

    public XenHostQueries(XenCtrl xc) {
        this.xc = xc;
    }

    private static Lib lib() {
        return Holder.LIB;
    }

    public int pageSize() {
        return lib().xc_version(xc.handle(), XENVER_pagesize, null);
    }

    public long virtStart() {
        Memory m = new Memory(8);
        m.clear();
        lib().xc_version(xc.handle(), XENVER_platform_parameters, m);
        return m.getLong(0);
    }

    /** libxl__xc_version_wrap: lower-case hex of the build id, "" when Xen has none. */
    public String buildId() {
        Memory m = new Memory(VERSION_UNION_SIZE);
        m.clear();
        m.setInt(0, VERSION_UNION_SIZE - 4);
        int r = lib().xc_version(xc.handle(), XENVER_build_id, m);
        if (r <= 0) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (byte b : m.getByteArray(4, r)) {
            s.append(String.format("%02x", b & 0xff));
        }
        return s.toString();
    }

    /** xc_domain_send_trigger; @return 0, or the errno of the failure */
    public int sendTrigger(int domid, int trigger, int vcpu) {
        int r = lib().xc_domain_send_trigger(xc.handle(), domid, trigger, vcpu);
        return r == 0 ? 0 : Native.getLastError();
    }

    public long sharingFreedPages() {
        return lib().xc_sharing_freed_pages(xc.handle());
    }

    public long sharingUsedFrames() {
        return lib().xc_sharing_used_frames(xc.handle());
    }

    /** libxl_get_freecpus, or null when it fails. */
    public BitSet freeCpus() {
        Pointer p = lib().xc_cpupool_freeinfo(xc.handle());
        if (p == null) {
            return null;
        }
        try {
            int size = lib().xc_get_cpumap_size(xc.handle());
            return BitSet.valueOf(p.getByteArray(0, Math.max(size, 0)));
        } finally {
            Native.free(Pointer.nativeValue(p));
        }
    }
}
