package io.xlj.xen;

import com.sun.jna.Structure.FieldOrder;

/**
 * {@code struct xen_domctl_getdomaininfo}, which libxenctrl calls {@code xc_domaininfo_t}
 * ({@code xen/domctl.h}). The raw domctl struct: no bitfields, 112 bytes from 4.16 to 4.21.
 */
@FieldOrder({"domain", "pad1", "flags", "tot_pages", "max_pages", "outstanding_pages", "shr_pages",
        "paged_pages", "shared_info_frame", "cpu_time", "nr_online_vcpus", "max_vcpu_id", "ssidref",
        "handle", "cpupool", "gpaddr_bits", "pad2", "arch_config"})
public class xen_domctl_getdomaininfo extends XenStructure {
    /** {@code domid_t} (uint16_t). */
    public short domain;
    public short pad1;
    /** {@code XEN_DOMINF_*}; the shutdown reason sits in bits 16..23. */
    public int flags;
    public long tot_pages;
    public long max_pages;
    public long outstanding_pages;
    public long shr_pages;
    public long paged_pages;
    public long shared_info_frame;
    /** Nanoseconds. */
    public long cpu_time;
    public int nr_online_vcpus;
    public int max_vcpu_id;
    public int ssidref;
    public byte[] handle = new byte[16];
    public int cpupool;
    public byte gpaddr_bits;
    public byte[] pad2 = new byte[7];
    public xen_arch_domainconfig arch_config = new xen_arch_domainconfig();

    public xen_domctl_getdomaininfo() {
        super();
    }

    public xen_domctl_getdomaininfo(com.sun.jna.Pointer p) {
        super(p);
    }
}
