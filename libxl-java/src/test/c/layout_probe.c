/*
 * Layout probe: prints, for the installed Xen headers, the size of every C struct that
 * io.xlj.xen mirrors, the offset and size of each mirrored field, the value of each
 * mirrored constant and the glibc name of each errno. The Java layout test compares
 * these numbers with JNA's own layout, so the compiler is the oracle, not us.
 *
 * Output, one record a line:
 *   size  <struct> <sizeof>
 *   field <struct> <member> <offsetof> <sizeof member>
 *   const <NAME> <value>
 *   errno <number> <NAME>
 */
#define __XEN_TOOLS__ 1
#define _GNU_SOURCE 1
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <xenctrl.h>
#include <xenguest.h>
#include <xentoollog.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>
#include <xen/version.h>
#include <xen/hvm/params.h>
#include <xen/hvm/e820.h>
#include <xen/features.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>

#define SIZE(name, type) printf("size %s %zu\n", name, sizeof(type))
#define FIELD(name, type, member) \
    printf("field %s %s %zu %zu\n", name, #member, offsetof(type, member), sizeof(((type *)0)->member))
#define CONST(c) printf("const %s %lld\n", #c, (long long)(c))

/* char-array typedefs are mirrored as one-member structures named after the typedef */
#define ARRAY_TYPEDEF(name, member, type) \
    do { printf("size %s %zu\n", name, sizeof(type)); \
         printf("field %s %s 0 %zu\n", name, member, sizeof(type)); } while (0)

static void structs(void)
{
    /* libc's, for FdPassingSocket */
    SIZE("sockaddr_un", struct sockaddr_un);
    FIELD("sockaddr_un", struct sockaddr_un, sun_family);
    FIELD("sockaddr_un", struct sockaddr_un, sun_path);
    SIZE("iovec", struct iovec);
    FIELD("iovec", struct iovec, iov_base);
    FIELD("iovec", struct iovec, iov_len);
    SIZE("msghdr", struct msghdr);
    FIELD("msghdr", struct msghdr, msg_name);
    FIELD("msghdr", struct msghdr, msg_namelen);
    FIELD("msghdr", struct msghdr, msg_iov);
    FIELD("msghdr", struct msghdr, msg_iovlen);
    FIELD("msghdr", struct msghdr, msg_control);
    FIELD("msghdr", struct msghdr, msg_controllen);
    FIELD("msghdr", struct msghdr, msg_flags);
    SIZE("cmsghdr", struct cmsghdr);
    FIELD("cmsghdr", struct cmsghdr, cmsg_len);
    FIELD("cmsghdr", struct cmsghdr, cmsg_level);
    FIELD("cmsghdr", struct cmsghdr, cmsg_type);
    CONST(CMSG_LEN(sizeof(int)));
    CONST(CMSG_SPACE(sizeof(int)));
    SIZE("timeval", struct timeval);
    FIELD("timeval", struct timeval, tv_sec);
    FIELD("timeval", struct timeval, tv_usec);

    SIZE("xen_arch_domainconfig", struct xen_arch_domainconfig);
    FIELD("xen_arch_domainconfig", struct xen_arch_domainconfig, emulation_flags);
    FIELD("xen_arch_domainconfig", struct xen_arch_domainconfig, misc_flags);

    SIZE("xen_domctl_createdomain", struct xen_domctl_createdomain);
    FIELD("xen_domctl_createdomain", struct xen_domctl_createdomain, ssidref);
    FIELD("xen_domctl_createdomain", struct xen_domctl_createdomain, handle);
    FIELD("xen_domctl_createdomain", struct xen_domctl_createdomain, flags);
    FIELD("xen_domctl_createdomain", struct xen_domctl_createdomain, iommu_opts);
    FIELD("xen_domctl_createdomain", struct xen_domctl_createdomain, max_vcpus);
    FIELD("xen_domctl_createdomain", struct xen_domctl_createdomain, max_evtchn_port);
    FIELD("xen_domctl_createdomain", struct xen_domctl_createdomain, max_grant_frames);
    FIELD("xen_domctl_createdomain", struct xen_domctl_createdomain, max_maptrack_frames);
    FIELD("xen_domctl_createdomain", struct xen_domctl_createdomain, grant_opts);
    FIELD("xen_domctl_createdomain", struct xen_domctl_createdomain, vmtrace_size);
    FIELD("xen_domctl_createdomain", struct xen_domctl_createdomain, cpupool_id);
    FIELD("xen_domctl_createdomain", struct xen_domctl_createdomain, arch);

    SIZE("xen_domctl_getdomaininfo", xc_domaininfo_t);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, domain);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, pad1);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, flags);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, tot_pages);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, max_pages);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, outstanding_pages);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, shr_pages);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, paged_pages);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, shared_info_frame);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, cpu_time);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, nr_online_vcpus);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, max_vcpu_id);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, ssidref);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, handle);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, cpupool);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, gpaddr_bits);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, pad2);
    FIELD("xen_domctl_getdomaininfo", xc_domaininfo_t, arch_config);

    SIZE("xen_domctl_getvcpuinfo", xc_vcpuinfo_t);
    FIELD("xen_domctl_getvcpuinfo", xc_vcpuinfo_t, vcpu);
    FIELD("xen_domctl_getvcpuinfo", xc_vcpuinfo_t, online);
    FIELD("xen_domctl_getvcpuinfo", xc_vcpuinfo_t, blocked);
    FIELD("xen_domctl_getvcpuinfo", xc_vcpuinfo_t, running);
    FIELD("xen_domctl_getvcpuinfo", xc_vcpuinfo_t, cpu_time);
    FIELD("xen_domctl_getvcpuinfo", xc_vcpuinfo_t, cpu);

    SIZE("xen_sysctl_physinfo", xc_physinfo_t);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, threads_per_core);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, cores_per_socket);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, nr_cpus);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, max_cpu_id);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, nr_nodes);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, max_node_id);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, cpu_khz);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, capabilities);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, arch_capabilities);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, pad);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, total_pages);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, free_pages);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, scrub_pages);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, outstanding_pages);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, max_mfn);
    FIELD("xen_sysctl_physinfo", xc_physinfo_t, hw_cap);

    SIZE("xen_domctl_sched_credit", struct xen_domctl_sched_credit);
    FIELD("xen_domctl_sched_credit", struct xen_domctl_sched_credit, weight);
    FIELD("xen_domctl_sched_credit", struct xen_domctl_sched_credit, cap);
    SIZE("xen_domctl_sched_credit2", struct xen_domctl_sched_credit2);
    FIELD("xen_domctl_sched_credit2", struct xen_domctl_sched_credit2, weight);
    FIELD("xen_domctl_sched_credit2", struct xen_domctl_sched_credit2, cap);

    SIZE("xen_compile_info", xen_compile_info_t);
    FIELD("xen_compile_info", xen_compile_info_t, compiler);
    FIELD("xen_compile_info", xen_compile_info_t, compile_by);
    FIELD("xen_compile_info", xen_compile_info_t, compile_domain);
    FIELD("xen_compile_info", xen_compile_info_t, compile_date);
    ARRAY_TYPEDEF("xen_extraversion", "extraversion", xen_extraversion_t);
    ARRAY_TYPEDEF("xen_capabilities_info", "info", xen_capabilities_info_t);
    ARRAY_TYPEDEF("xen_changeset_info", "info", xen_changeset_info_t);
    ARRAY_TYPEDEF("xen_commandline", "commandline", xen_commandline_t);

    SIZE("xc_error", xc_error);
    FIELD("xc_error", xc_error, code);
    FIELD("xc_error", xc_error, message);

    SIZE("xentoollog_logger", struct xentoollog_logger);
    FIELD("xentoollog_logger", struct xentoollog_logger, vmessage);
    FIELD("xentoollog_logger", struct xentoollog_logger, progress);
    FIELD("xentoollog_logger", struct xentoollog_logger, destroy);

    SIZE("xc_hvm_firmware_module", struct xc_hvm_firmware_module);
    FIELD("xc_hvm_firmware_module", struct xc_hvm_firmware_module, data);
    FIELD("xc_hvm_firmware_module", struct xc_hvm_firmware_module, length);
    FIELD("xc_hvm_firmware_module", struct xc_hvm_firmware_module, guest_addr_out);

    /* xc_dom_image stays opaque on the Java side; only the fields libxl touches are
     * reached at fixed offsets, so only those (and the total size) are printed. */
    SIZE("xc_dom_image", struct xc_dom_image);
    FIELD("xc_dom_image", struct xc_dom_image, console_pfn);
    FIELD("xc_dom_image", struct xc_dom_image, xenstore_pfn);
    FIELD("xc_dom_image", struct xc_dom_image, pv_p2m);
    FIELD("xc_dom_image", struct xc_dom_image, total_pages);
    FIELD("xc_dom_image", struct xc_dom_image, flags);
    FIELD("xc_dom_image", struct xc_dom_image, console_evtchn);
    FIELD("xc_dom_image", struct xc_dom_image, xenstore_evtchn);
    FIELD("xc_dom_image", struct xc_dom_image, console_domid);
    FIELD("xc_dom_image", struct xc_dom_image, xenstore_domid);
    FIELD("xc_dom_image", struct xc_dom_image, guest_domid);
    FIELD("xc_dom_image", struct xc_dom_image, claim_enabled);
    FIELD("xc_dom_image", struct xc_dom_image, vmemranges);
    FIELD("xc_dom_image", struct xc_dom_image, nr_vmemranges);
    FIELD("xc_dom_image", struct xc_dom_image, vnode_to_pnode);
    FIELD("xc_dom_image", struct xc_dom_image, nr_vnodes);
    FIELD("xc_dom_image", struct xc_dom_image, container_type);
    FIELD("xc_dom_image", struct xc_dom_image, target_pages);
    FIELD("xc_dom_image", struct xc_dom_image, mmio_start);
    FIELD("xc_dom_image", struct xc_dom_image, mmio_size);
    FIELD("xc_dom_image", struct xc_dom_image, lowmem_end);
    FIELD("xc_dom_image", struct xc_dom_image, highmem_end);
    FIELD("xc_dom_image", struct xc_dom_image, vga_hole_size);
    FIELD("xc_dom_image", struct xc_dom_image, device_model);
    FIELD("xc_dom_image", struct xc_dom_image, system_firmware_module);
    FIELD("xc_dom_image", struct xc_dom_image, acpi_modules);
    FIELD("xc_dom_image", struct xc_dom_image, smbios_module);
    FIELD("xc_dom_image", struct xc_dom_image, e820);
    FIELD("xc_dom_image", struct xc_dom_image, e820_entries);
    FIELD("xc_dom_image", struct xc_dom_image, vuart_gfn);
    FIELD("xc_dom_image", struct xc_dom_image, max_vcpus);

    SIZE("e820entry", struct e820entry);
    FIELD("e820entry", struct e820entry, addr);
    FIELD("e820entry", struct e820entry, size);
    FIELD("e820entry", struct e820entry, type);

    SIZE("xen_domain_handle_t", xen_domain_handle_t);
    SIZE("xen_pfn_t", xen_pfn_t);
}

static void constants(void)
{
    CONST(XEN_DOMCTL_INTERFACE_VERSION);
    CONST(XEN_SYSCTL_INTERFACE_VERSION);
    CONST(XEN_DOMCTL_CDF_hvm);
    CONST(XEN_DOMCTL_CDF_hap);
    CONST(XEN_DOMCTL_CDF_s3_integrity);
    CONST(XEN_DOMCTL_CDF_oos_off);
    CONST(XEN_DOMCTL_CDF_xs_domain);
    CONST(XEN_DOMCTL_CDF_iommu);
    CONST(XEN_DOMCTL_CDF_nested_virt);
    CONST(XEN_DOMCTL_CDF_vpmu);
    CONST(XEN_DOMCTL_IOMMU_no_sharept);
    CONST(XEN_DOMCTL_GRANT_version_mask);
    CONST(XEN_X86_EMU_LAPIC);
    CONST(XEN_X86_EMU_HPET);
    CONST(XEN_X86_EMU_PM);
    CONST(XEN_X86_EMU_RTC);
    CONST(XEN_X86_EMU_IOAPIC);
    CONST(XEN_X86_EMU_PIC);
    CONST(XEN_X86_EMU_VGA);
    CONST(XEN_X86_EMU_IOMMU);
    CONST(XEN_X86_EMU_PIT);
    CONST(XEN_X86_EMU_USE_PIRQ);
    CONST(XEN_X86_EMU_VPCI);
    CONST(XEN_X86_EMU_ALL);
    CONST(XEN_X86_MSR_RELAXED);
    CONST(XEN_DOMINF_dying);
    CONST(XEN_DOMINF_hvm_guest);
    CONST(XEN_DOMINF_shutdown);
    CONST(XEN_DOMINF_paused);
    CONST(XEN_DOMINF_blocked);
    CONST(XEN_DOMINF_running);
    CONST(XEN_DOMINF_debugged);
    CONST(XEN_DOMINF_xs_domain);
    CONST(XEN_DOMINF_hap);
    CONST(XEN_DOMINF_shutdownmask);
    CONST(XEN_DOMINF_shutdownshift);
    CONST(XEN_SYSCTL_PHYSCAP_hvm);
    CONST(XEN_SYSCTL_PHYSCAP_pv);
    CONST(XEN_SYSCTL_PHYSCAP_directio);
    CONST(XEN_SYSCTL_PHYSCAP_hap);
    CONST(XEN_SYSCTL_PHYSCAP_shadow);
    CONST(XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share);
    CONST(XEN_SYSCTL_PHYSCAP_vmtrace);
    CONST(XEN_SYSCTL_PHYSCAP_vpmu);
    CONST(XEN_SYSCTL_PHYSCAP_gnttab_v1);
    CONST(XEN_SYSCTL_PHYSCAP_gnttab_v2);
    CONST(SHUTDOWN_poweroff);
    CONST(SHUTDOWN_reboot);
    CONST(SHUTDOWN_suspend);
    CONST(SHUTDOWN_crash);
    CONST(SHUTDOWN_watchdog);
    CONST(SHUTDOWN_soft_reset);
    CONST(DOMID_FIRST_RESERVED);
    CONST(DOMID_SELF);
    CONST(DOMID_INVALID);
    CONST(XEN_VCPUAFFINITY_HARD);
    CONST(XEN_VCPUAFFINITY_SOFT);
    CONST(XEN_VCPUAFFINITY_FORCE);
    CONST(XEN_SCHEDULER_CREDIT);
    CONST(XEN_SCHEDULER_CREDIT2);
    CONST(XEN_SCHEDULER_ARINC653);
    CONST(XEN_SCHEDULER_RTDS);
    CONST(XEN_SCHEDULER_NULL);
    CONST(XENVER_version);
    CONST(XENVER_extraversion);
    CONST(XENVER_compile_info);
    CONST(XENVER_capabilities);
    CONST(XENVER_changeset);
    CONST(XENVER_commandline);
    CONST(XC_DOM_PV_CONTAINER);
    CONST(XC_DOM_HVM_CONTAINER);
    CONST(XC_PAGE_SHIFT);
    CONST(XC_PAGE_SIZE);
    CONST(XTL_NONE);
    CONST(XTL_DEBUG);
    CONST(XTL_VERBOSE);
    CONST(XTL_DETAIL);
    CONST(XTL_PROGRESS);
    CONST(XTL_INFO);
    CONST(XTL_NOTICE);
    CONST(XTL_WARN);
    CONST(XTL_ERROR);
    CONST(XTL_CRITICAL);
    CONST(HVM_PARAM_CALLBACK_IRQ);
    CONST(HVM_PARAM_STORE_PFN);
    CONST(HVM_PARAM_STORE_EVTCHN);
    CONST(HVM_PARAM_PAE_ENABLED);
    CONST(HVM_PARAM_IOREQ_PFN);
    CONST(HVM_PARAM_BUFIOREQ_PFN);
    CONST(HVM_PARAM_VIRIDIAN);
    CONST(HVM_PARAM_TIMER_MODE);
    CONST(HVM_PARAM_HPET_ENABLED);
    CONST(HVM_PARAM_IDENT_PT);
    CONST(HVM_PARAM_ACPI_S_STATE);
    CONST(HVM_PARAM_VPT_ALIGN);
    CONST(HVM_PARAM_CONSOLE_PFN);
    CONST(HVM_PARAM_CONSOLE_EVTCHN);
    CONST(HVM_PARAM_NESTEDHVM);
    CONST(HVM_PARAM_PAGING_RING_PFN);
    CONST(HVM_PARAM_MONITOR_RING_PFN);
    CONST(HVM_PARAM_SHARING_RING_PFN);
    CONST(HVM_PARAM_IOREQ_SERVER_PFN);
    CONST(HVM_PARAM_NR_IOREQ_SERVER_PAGES);
    CONST(HVM_PARAM_ALTP2M);
    CONST(HVMPV_base_freq);
    CONST(HVMPV_no_freq);
    CONST(HVMPV_time_ref_count);
    CONST(HVMPV_reference_tsc);
    CONST(HVMPV_hcall_remote_tlb_flush);
    CONST(HVMPV_apic_assist);
    CONST(HVMPV_crash_ctl);
    CONST(HVMPV_synic);
    CONST(HVMPV_stimer);
    CONST(HVMPV_hcall_ipi);
    CONST(HVMPV_ex_processor_masks);
    CONST(HVMPV_no_vp_limit);
    CONST(HVMPV_cpu_hotplug);
    CONST(HVM_PARAM_MCA_CAP);
    CONST(HVM_NR_PARAMS);
    CONST(E820_RAM);
    CONST(E820_RESERVED);
    CONST(E820_ACPI);
    CONST(E820MAX);
    CONST(X86_HVM_NR_SPECIAL_PAGES);
    CONST(X86_HVM_END_SPECIAL_REGION);
    CONST(HVM_BELOW_4G_MMIO_START);
    CONST(HVM_BELOW_4G_MMIO_LENGTH);
    CONST(XENFEAT_linux_rsdp_unrestricted);
    CONST(AF_UNIX);
    CONST(SOCK_STREAM);
    CONST(SOCK_CLOEXEC);
    CONST(SOL_SOCKET);
    CONST(SCM_RIGHTS);
    CONST(SO_RCVTIMEO);
}

static void errnos(void)
{
    /* glibc's own names (strerrorname_np, glibc >= 2.32) are the oracle for ours. */
    for (int e = 1; e < 134; e++) {
        const char *name = strerrorname_np(e);
        if (name)
            printf("errno %d %s\n", e, name);
    }
}

int main(void)
{
    structs();
    constants();
    errnos();
    return 0;
}
