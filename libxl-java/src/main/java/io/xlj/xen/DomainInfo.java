package io.xlj.xen;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * One domain as {@code xc_domain_getinfolist} reports it ({@code xc_domaininfo_t}).
 * Page counts are 4 KiB pages, cpu time in nanoseconds.
 */
public record DomainInfo(int domid, int flags, long totPages, long maxPages, long outstandingPages,
                         long sharedPages, long pagedPages, long sharedInfoFrame, long cpuTimeNs,
                         int onlineVcpus, int maxVcpuId, int ssidref, UUID uuid, int cpupool, int gpaddrBits,
                         int emulationFlags, int miscFlags) {

    /**
     * The {@code xc_domaininfo_t} at {@code p}, read field by field at the offsets of
     * {@link xen_domctl_getdomaininfo} (which the layout test checks against the C headers).
     * Not through the JNA structure: its construction and reflective read cost ~50 us a
     * domain even when warm, which made {@code list} slow under emulation.
     */
    static DomainInfo at(Pointer p) {
        return at(ByteBuffer.wrap(p.getByteArray(0, SIZE)).order(ByteOrder.nativeOrder()), 0);
    }

    /**
     * The {@code xc_domaininfo_t} at {@code base} in {@code b} (native byte order): the bytes
     * of a whole batch are copied out of native memory at once, one JNA call instead of one per
     * field (~7x less time for four domains on the build host).
     */
    static DomainInfo at(ByteBuffer b, int base) {
        byte[] handle = new byte[16];
        b.get(base + Offsets.HANDLE, handle);
        return new DomainInfo(Short.toUnsignedInt(b.getShort(base + Offsets.DOMAIN)), b.getInt(base + Offsets.FLAGS),
                b.getLong(base + Offsets.TOT_PAGES), b.getLong(base + Offsets.MAX_PAGES),
                b.getLong(base + Offsets.OUTSTANDING_PAGES), b.getLong(base + Offsets.SHR_PAGES),
                b.getLong(base + Offsets.PAGED_PAGES), b.getLong(base + Offsets.SHARED_INFO_FRAME),
                b.getLong(base + Offsets.CPU_TIME), b.getInt(base + Offsets.NR_ONLINE_VCPUS),
                b.getInt(base + Offsets.MAX_VCPU_ID), b.getInt(base + Offsets.SSIDREF), uuidOf(handle),
                b.getInt(base + Offsets.CPUPOOL), Byte.toUnsignedInt(b.get(base + Offsets.GPADDR_BITS)),
                b.getInt(base + Offsets.EMULATION_FLAGS), b.getInt(base + Offsets.MISC_FLAGS));
    }

    /** Bytes of one {@code xc_domaininfo_t}. */
    static final int SIZE = new xen_domctl_getdomaininfo().size();

    /** The field offsets of {@link xen_domctl_getdomaininfo}, taken once from its JNA layout. */
    private static final class Offsets {
        static final int DOMAIN;
        static final int FLAGS;
        static final int TOT_PAGES;
        static final int MAX_PAGES;
        static final int OUTSTANDING_PAGES;
        static final int SHR_PAGES;
        static final int PAGED_PAGES;
        static final int SHARED_INFO_FRAME;
        static final int CPU_TIME;
        static final int NR_ONLINE_VCPUS;
        static final int MAX_VCPU_ID;
        static final int SSIDREF;
        static final int HANDLE;
        static final int CPUPOOL;
        static final int GPADDR_BITS;
        static final int EMULATION_FLAGS;
        static final int MISC_FLAGS;

        static {
            xen_domctl_getdomaininfo s = new xen_domctl_getdomaininfo();
            DOMAIN = s.offsetOf("domain");
            FLAGS = s.offsetOf("flags");
            TOT_PAGES = s.offsetOf("tot_pages");
            MAX_PAGES = s.offsetOf("max_pages");
            OUTSTANDING_PAGES = s.offsetOf("outstanding_pages");
            SHR_PAGES = s.offsetOf("shr_pages");
            PAGED_PAGES = s.offsetOf("paged_pages");
            SHARED_INFO_FRAME = s.offsetOf("shared_info_frame");
            CPU_TIME = s.offsetOf("cpu_time");
            NR_ONLINE_VCPUS = s.offsetOf("nr_online_vcpus");
            MAX_VCPU_ID = s.offsetOf("max_vcpu_id");
            SSIDREF = s.offsetOf("ssidref");
            HANDLE = s.offsetOf("handle");
            CPUPOOL = s.offsetOf("cpupool");
            GPADDR_BITS = s.offsetOf("gpaddr_bits");
            int arch = s.offsetOf("arch_config");
            EMULATION_FLAGS = arch + s.arch_config.offsetOf("emulation_flags");
            MISC_FLAGS = arch + s.arch_config.offsetOf("misc_flags");
        }

        private Offsets() {
        }
    }

    /** A {@code xen_domain_handle_t} read as a UUID (bytes in order, as libxl does). */
    static UUID uuidOf(byte[] handle) {
        ByteBuffer b = ByteBuffer.wrap(handle);
        return new UUID(b.getLong(), b.getLong());
    }

    /** The 16 bytes of a {@code xen_domain_handle_t} for a UUID. */
    static byte[] handleOf(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
    }

    private boolean flag(int f) {
        return (flags & f) != 0;
    }

    public boolean dying() {
        return flag(XenConstants.XEN_DOMINF_dying);
    }

    public boolean hvm() {
        return flag(XenConstants.XEN_DOMINF_hvm_guest);
    }

    public boolean shutdown() {
        return flag(XenConstants.XEN_DOMINF_shutdown);
    }

    public boolean paused() {
        return flag(XenConstants.XEN_DOMINF_paused);
    }

    public boolean blocked() {
        return flag(XenConstants.XEN_DOMINF_blocked);
    }

    public boolean running() {
        return flag(XenConstants.XEN_DOMINF_running);
    }

    public boolean debugged() {
        return flag(XenConstants.XEN_DOMINF_debugged);
    }

    public boolean xenstoreDomain() {
        return flag(XenConstants.XEN_DOMINF_xs_domain);
    }

    public boolean hap() {
        return flag(XenConstants.XEN_DOMINF_hap);
    }

    /** {@code SHUTDOWN_*}; meaningful only when {@link #shutdown()}. */
    public int shutdownReason() {
        return (flags >>> XenConstants.XEN_DOMINF_shutdownshift) & XenConstants.XEN_DOMINF_shutdownmask;
    }

    /** A crash is a shutdown with reason SHUTDOWN_crash (as libxl decides it). */
    public boolean crashed() {
        return shutdown() && shutdownReason() == XenConstants.SHUTDOWN_crash;
    }

    /** Current memory in KiB (tot_pages), the "Mem" column of {@code xl list} is this / 1024. */
    public long currentMemoryKb() {
        return totPages * (XenConstants.XC_PAGE_SIZE / 1024);
    }

    /** The maximum memory in KiB (max_pages), what {@code xc_domain_setmaxmem} set. */
    public long maxMemoryKb() {
        return maxPages * (XenConstants.XC_PAGE_SIZE / 1024);
    }
}
