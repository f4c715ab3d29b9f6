package io.xlj.xen;

/**
 * Constants of the Xen 4.17 public headers, named exactly as in C. Every field is checked
 * against the installed headers by the layout test (the C probe prints each value).
 */
public final class XenConstants {

    private XenConstants() {
    }

    // Interface versions the 4.17 hypervisor checks on every domctl/sysctl (xen/domctl.h, xen/sysctl.h).
    public static final int XEN_DOMCTL_INTERFACE_VERSION = 0x15;
    public static final int XEN_SYSCTL_INTERFACE_VERSION = 0x15;

    // xen_domctl_createdomain.flags (xen/domctl.h).
    public static final int XEN_DOMCTL_CDF_hvm = 1 << 0;
    public static final int XEN_DOMCTL_CDF_hap = 1 << 1;
    public static final int XEN_DOMCTL_CDF_s3_integrity = 1 << 2;
    public static final int XEN_DOMCTL_CDF_oos_off = 1 << 3;
    public static final int XEN_DOMCTL_CDF_xs_domain = 1 << 4;
    public static final int XEN_DOMCTL_CDF_iommu = 1 << 5;
    public static final int XEN_DOMCTL_CDF_nested_virt = 1 << 6;
    public static final int XEN_DOMCTL_CDF_vpmu = 1 << 7;
    public static final int XEN_DOMCTL_IOMMU_no_sharept = 1;
    public static final int XEN_DOMCTL_GRANT_version_mask = 0xf;

    // xen_arch_domainconfig (xen/arch-x86/xen.h).
    public static final int XEN_X86_EMU_LAPIC = 1 << 0;
    public static final int XEN_X86_EMU_HPET = 1 << 1;
    public static final int XEN_X86_EMU_PM = 1 << 2;
    public static final int XEN_X86_EMU_RTC = 1 << 3;
    public static final int XEN_X86_EMU_IOAPIC = 1 << 4;
    public static final int XEN_X86_EMU_PIC = 1 << 5;
    public static final int XEN_X86_EMU_VGA = 1 << 6;
    public static final int XEN_X86_EMU_IOMMU = 1 << 7;
    public static final int XEN_X86_EMU_PIT = 1 << 8;
    public static final int XEN_X86_EMU_USE_PIRQ = 1 << 9;
    public static final int XEN_X86_EMU_VPCI = 1 << 10;
    public static final int XEN_X86_EMU_ALL = 0x7ff;
    public static final int XEN_X86_MSR_RELAXED = 1;

    // xen_domctl_getdomaininfo.flags (xen/domctl.h).
    public static final int XEN_DOMINF_dying = 1 << 0;
    public static final int XEN_DOMINF_hvm_guest = 1 << 1;
    public static final int XEN_DOMINF_shutdown = 1 << 2;
    public static final int XEN_DOMINF_paused = 1 << 3;
    public static final int XEN_DOMINF_blocked = 1 << 4;
    public static final int XEN_DOMINF_running = 1 << 5;
    public static final int XEN_DOMINF_debugged = 1 << 6;
    public static final int XEN_DOMINF_xs_domain = 1 << 7;
    public static final int XEN_DOMINF_hap = 1 << 8;
    public static final int XEN_DOMINF_shutdownmask = 0xff;
    public static final int XEN_DOMINF_shutdownshift = 16;

    // xen_sysctl_physinfo.capabilities (xen/sysctl.h).
    public static final int XEN_SYSCTL_PHYSCAP_hvm = 1 << 0;
    public static final int XEN_SYSCTL_PHYSCAP_pv = 1 << 1;
    public static final int XEN_SYSCTL_PHYSCAP_directio = 1 << 2;
    public static final int XEN_SYSCTL_PHYSCAP_hap = 1 << 3;
    public static final int XEN_SYSCTL_PHYSCAP_shadow = 1 << 4;
    public static final int XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share = 1 << 5;
    public static final int XEN_SYSCTL_PHYSCAP_vmtrace = 1 << 6;
    public static final int XEN_SYSCTL_PHYSCAP_vpmu = 1 << 7;
    public static final int XEN_SYSCTL_PHYSCAP_gnttab_v1 = 1 << 8;
    public static final int XEN_SYSCTL_PHYSCAP_gnttab_v2 = 1 << 9;

    // Shutdown reasons (xen/sched.h).
    public static final int SHUTDOWN_poweroff = 0;
    public static final int SHUTDOWN_reboot = 1;
    public static final int SHUTDOWN_suspend = 2;
    public static final int SHUTDOWN_crash = 3;
    public static final int SHUTDOWN_watchdog = 4;
    public static final int SHUTDOWN_soft_reset = 5;

    // Special domain ids (xen/xen.h).
    public static final int DOMID_FIRST_RESERVED = 0x7ff0;
    public static final int DOMID_SELF = 0x7ff0;
    public static final int DOMID_INVALID = 0x7ff4;

    // xc_vcpu_setaffinity/getaffinity flags (xen/domctl.h).
    public static final int XEN_VCPUAFFINITY_HARD = 1 << 0;
    public static final int XEN_VCPUAFFINITY_SOFT = 1 << 1;
    public static final int XEN_VCPUAFFINITY_FORCE = 1 << 2;

    // Scheduler ids returned by xc_sched_id (xen/domctl.h).
    public static final int XEN_SCHEDULER_CREDIT = 5;
    public static final int XEN_SCHEDULER_CREDIT2 = 6;
    public static final int XEN_SCHEDULER_ARINC653 = 7;
    public static final int XEN_SCHEDULER_RTDS = 8;
    public static final int XEN_SCHEDULER_NULL = 9;

    // xc_version commands (xen/version.h).
    public static final int XENVER_version = 0;
    public static final int XENVER_extraversion = 1;
    public static final int XENVER_compile_info = 2;
    public static final int XENVER_capabilities = 3;
    public static final int XENVER_changeset = 4;
    public static final int XENVER_commandline = 9;

    // xc_dom_image.container_type (xenguest.h) and page size (xenctrl.h).
    public static final int XC_DOM_PV_CONTAINER = 0;
    public static final int XC_DOM_HVM_CONTAINER = 1;
    public static final int XC_PAGE_SHIFT = 12;
    public static final int XC_PAGE_SIZE = 1 << 12;

    // xentoollog_level (xentoollog.h).
    public static final int XTL_NONE = 0;
    public static final int XTL_DEBUG = 1;
    public static final int XTL_VERBOSE = 2;
    public static final int XTL_DETAIL = 3;
    public static final int XTL_PROGRESS = 4;
    public static final int XTL_INFO = 5;
    public static final int XTL_NOTICE = 6;
    public static final int XTL_WARN = 7;
    public static final int XTL_ERROR = 8;
    public static final int XTL_CRITICAL = 9;

    // HVM parameters for xc_hvm_param_get/set (xen/hvm/params.h).
    public static final int HVM_PARAM_CALLBACK_IRQ = 0;
    public static final int HVM_PARAM_STORE_PFN = 1;
    public static final int HVM_PARAM_STORE_EVTCHN = 2;
    public static final int HVM_PARAM_PAE_ENABLED = 4;
    public static final int HVM_PARAM_IOREQ_PFN = 5;
    public static final int HVM_PARAM_BUFIOREQ_PFN = 6;
    public static final int HVM_PARAM_VIRIDIAN = 9;
    public static final int HVM_PARAM_TIMER_MODE = 10;
    public static final int HVM_PARAM_HPET_ENABLED = 11;
    public static final int HVM_PARAM_IDENT_PT = 12;
    public static final int HVM_PARAM_ACPI_S_STATE = 14;
    public static final int HVM_PARAM_VPT_ALIGN = 16;
    public static final int HVM_PARAM_CONSOLE_PFN = 17;
    public static final int HVM_PARAM_CONSOLE_EVTCHN = 18;
    public static final int HVM_PARAM_NESTEDHVM = 24;
    public static final int HVM_PARAM_PAGING_RING_PFN = 27;
    public static final int HVM_PARAM_MONITOR_RING_PFN = 28;
    public static final int HVM_PARAM_SHARING_RING_PFN = 29;
    public static final int HVM_PARAM_IOREQ_SERVER_PFN = 32;
    public static final int HVM_PARAM_NR_IOREQ_SERVER_PAGES = 33;
    public static final int HVM_PARAM_ALTP2M = 35;

    /** HVM_PARAM_VIRIDIAN's feature bits (hvm/params.h). */
    public static final int HVMPV_base_freq = 1 << 0;
    public static final int HVMPV_no_freq = 1 << 1;
    public static final int HVMPV_time_ref_count = 1 << 2;
    public static final int HVMPV_reference_tsc = 1 << 3;
    public static final int HVMPV_hcall_remote_tlb_flush = 1 << 4;
    public static final int HVMPV_apic_assist = 1 << 5;
    public static final int HVMPV_crash_ctl = 1 << 6;
    public static final int HVMPV_synic = 1 << 7;
    public static final int HVMPV_stimer = 1 << 8;
    public static final int HVMPV_hcall_ipi = 1 << 9;
    public static final int HVMPV_ex_processor_masks = 1 << 10;
    public static final int HVMPV_no_vp_limit = 1 << 11;
    public static final int HVMPV_cpu_hotplug = 1 << 12;
    public static final int HVM_PARAM_MCA_CAP = 38;
    public static final int HVM_NR_PARAMS = 39;

    // xenctrl.h (x86), xenguest.h, xen/hvm/e820.h, xen/features.h: the HVM/PVH memory map
    public static final int E820_RAM = 1;
    public static final int E820_RESERVED = 2;
    public static final int E820_ACPI = 3;
    public static final int E820MAX = 128;
    public static final int X86_HVM_NR_SPECIAL_PAGES = 8;
    public static final long X86_HVM_END_SPECIAL_REGION = 0xff000L;
    public static final long HVM_BELOW_4G_MMIO_START = 0xf0000000L;
    public static final long HVM_BELOW_4G_MMIO_LENGTH = 0x10000000L;
    public static final int XENFEAT_linux_rsdp_unrestricted = 15;
}
