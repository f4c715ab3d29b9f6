package io.xlj.xen;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
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
        byte[] handle = p.getByteArray(Offsets.HANDLE, 16);
        return new DomainInfo(Short.toUnsignedInt(p.getShort(Offsets.DOMAIN)), p.getInt(Offsets.FLAGS),
                p.getLong(Offsets.TOT_PAGES), p.getLong(Offsets.MAX_PAGES), p.getLong(Offsets.OUTSTANDING_PAGES),
                p.getLong(Offsets.SHR_PAGES), p.getLong(Offsets.PAGED_PAGES), p.getLong(Offsets.SHARED_INFO_FRAME),
                p.getLong(Offsets.CPU_TIME), p.getInt(Offsets.NR_ONLINE_VCPUS), p.getInt(Offsets.MAX_VCPU_ID),
                p.getInt(Offsets.SSIDREF), uuidOf(handle), p.getInt(Offsets.CPUPOOL),
                Byte.toUnsignedInt(p.getByte(Offsets.GPADDR_BITS)), p.getInt(Offsets.EMULATION_FLAGS),
                p.getInt(Offsets.MISC_FLAGS));
    }

    /** The field offsets of {@link xen_domctl_getdomaininfo}, taken once from its JNA layout. */
    private static final class Offsets {
        static final long DOMAIN;
        static final long FLAGS;
        static final long TOT_PAGES;
        static final long MAX_PAGES;
        static final long OUTSTANDING_PAGES;
        static final long SHR_PAGES;
        static final long PAGED_PAGES;
        static final long SHARED_INFO_FRAME;
        static final long CPU_TIME;
        static final long NR_ONLINE_VCPUS;
        static final long MAX_VCPU_ID;
        static final long SSIDREF;
        static final long HANDLE;
        static final long CPUPOOL;
        static final long GPADDR_BITS;
        static final long EMULATION_FLAGS;
        static final long MISC_FLAGS;

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
