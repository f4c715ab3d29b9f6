package io.xlj.xen;

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

    static DomainInfo from(xen_domctl_getdomaininfo i) {
        return new DomainInfo(Short.toUnsignedInt(i.domain), i.flags, i.tot_pages, i.max_pages, i.outstanding_pages,
                i.shr_pages, i.paged_pages, i.shared_info_frame, i.cpu_time, i.nr_online_vcpus, i.max_vcpu_id,
                i.ssidref, uuidOf(i.handle), i.cpupool, Byte.toUnsignedInt(i.gpaddr_bits),
                i.arch_config.emulation_flags, i.arch_config.misc_flags);
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
