package io.xlj.xen;

import com.sun.jna.Structure.FieldOrder;

/**
 * {@code struct xen_domctl_createdomain} ({@code xen/domctl.h}, domctl interface 0x15).
 * IN/OUT: libxenctrl copies the hypervisor's view back after {@code xc_domain_create}.
 * 64 bytes in Xen 4.17 ({@code cpupool_id} is new in 4.17; 4.19 inserts {@code altp2m_opts}).
 */
@FieldOrder({"ssidref", "handle", "flags", "iommu_opts", "max_vcpus", "max_evtchn_port",
        "max_grant_frames", "max_maptrack_frames", "grant_opts", "vmtrace_size", "cpupool_id", "arch"})
public class xen_domctl_createdomain extends XenStructure {
    public int ssidref;
    /** {@code xen_domain_handle_t}: the 16 bytes of the domain's UUID. */
    public byte[] handle = new byte[16];
    /** {@code XEN_DOMCTL_CDF_*}. */
    public int flags;
    /** {@code XEN_DOMCTL_IOMMU_*}. */
    public int iommu_opts;
    public int max_vcpus;
    public int max_evtchn_port;
    /** Negative means "the hypervisor's default". */
    public int max_grant_frames;
    /** Negative means "the hypervisor's default". */
    public int max_maptrack_frames;
    /** Low 4 bits: the highest grant table version the guest may use. */
    public int grant_opts;
    public int vmtrace_size;
    public int cpupool_id;
    public xen_arch_domainconfig arch = new xen_arch_domainconfig();
}
