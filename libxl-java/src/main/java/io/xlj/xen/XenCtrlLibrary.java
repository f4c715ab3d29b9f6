package io.xlj.xen;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * Raw binding of {@code libxenctrl.so.4.17} (prototypes from {@code xenctrl.h} of Xen 4.17).
 * Obtain it through {@link XenLibraries}, which loads it by its exact SONAME.
 *
 * <p>Type mapping (x86_64 LP64): {@code uint32_t}/{@code int}/{@code unsigned} → int,
 * {@code uint64_t} → long, {@code unsigned long} → {@link NativeLong}, {@code uint8_t *}
 * buffers (cpumaps, handles) → byte[] (JNA copies them in and back out).
 * Functions return -1 (or a negative value) and set errno on failure unless noted.
 * Two functions declared in {@code xenctrl.h} are exported by libxenguest instead and
 * live in {@link XenGuestLibrary}: {@code xc_cpuid_apply_policy} and
 * {@code xc_domain_get_native_protocol}.
 */
public interface XenCtrlLibrary extends Library {

    String SONAME = "libxenctrl.so.4.17";

    /** @return NULL on failure (errno set), e.g. ENOENT when there is no /dev/xen/privcmd. */
    XcInterface xc_interface_open(XentoollogLogger logger, XentoollogLogger dombuild_logger, int open_flags);

    int xc_interface_close(XcInterface xch);

    /** @return a pointer to the handle's {@link xc_error}, never NULL. */
    Pointer xc_get_last_error(XcInterface xch);

    void xc_clear_last_error(XcInterface xch);

    /**
     * {@code XENVER_version} returns {@code major << 16 | minor}; the other commands fill
     * {@code arg} ({@link xen_extraversion}, {@link xen_compile_info}, …) and return 0.
     */
    int xc_version(XcInterface xch, int cmd, Pointer arg);

    int xc_physinfo(XcInterface xch, xen_sysctl_physinfo info);

    /** @return the number of bytes of an {@code xc_cpumap_t} for this host. */
    int xc_get_cpumap_size(XcInterface xch);

    int xc_get_max_cpus(XcInterface xch);

    /** Sets bit {@code cpu} of an {@code xc_cpumap_t}; pure bit arithmetic, no hypercall. */
    void xc_cpumap_setcpu(int cpu, byte[] map);

    void xc_cpumap_clearcpu(int cpu, byte[] map);

    int xc_cpumap_testcpu(int cpu, byte[] map);

    int xc_sched_id(XcInterface xch, IntByReference sched_id);

    /** {@code pdomid} is IN/OUT: 0 asks for the next free domid. {@code config} is IN/OUT too. */
    int xc_domain_create(XcInterface xch, IntByReference pdomid, xen_domctl_createdomain config);

    /**
     * Fills up to {@code max_domains} consecutive entries of an array of
     * {@code xc_domaininfo_t}, starting at the first domain &gt;= {@code first_domain}.
     * @return the number of entries filled, or -1.
     */
    int xc_domain_getinfolist(XcInterface xch, int first_domain, int max_domains, Pointer info);

    int xc_domain_destroy(XcInterface xch, int domid);

    int xc_domain_pause(XcInterface xch, int domid);

    int xc_domain_unpause(XcInterface xch, int domid);

    /** @param reason {@code SHUTDOWN_*} from {@code xen/sched.h}. */
    int xc_domain_shutdown(XcInterface xch, int domid, int reason);

    int xc_domain_max_vcpus(XcInterface xch, int domid, int max);

    int xc_domain_setmaxmem(XcInterface xch, int domid, long max_memkb);

    /** The out parameters may be null: libxenctrl then does not report them. */
    int xc_domain_set_pod_target(XcInterface xch, int domid, long target_pages, Pointer tot_pages,
                                 Pointer pod_cache_pages, Pointer pod_entries);

    int xc_domain_set_memmap_limit(XcInterface xch, int domid, NativeLong map_limitkb);

    /** @param handle {@code xen_domain_handle_t}, 16 bytes. */
    int xc_domain_sethandle(XcInterface xch, int domid, byte[] handle);

    /** @return the new local port, or -1. */
    int xc_evtchn_alloc_unbound(XcInterface xch, int dom, int remote_dom);

    /** Cpumaps are IN/OUT: on return they hold the effective affinity. */
    int xc_vcpu_setaffinity(XcInterface xch, int domid, int vcpu, byte[] cpumap_hard_inout,
                            byte[] cpumap_soft_inout, int flags);

    int xc_vcpu_getaffinity(XcInterface xch, int domid, int vcpu, byte[] cpumap_hard, byte[] cpumap_soft,
                            int flags);

    int xc_vcpu_getinfo(XcInterface xch, int domid, int vcpu, xen_domctl_getvcpuinfo info);

    int xc_sched_credit_domain_set(XcInterface xch, int domid, xen_domctl_sched_credit sdom);

    int xc_sched_credit_domain_get(XcInterface xch, int domid, xen_domctl_sched_credit sdom);

    int xc_sched_credit2_domain_set(XcInterface xch, int domid, xen_domctl_sched_credit2 sdom);

    int xc_sched_credit2_domain_get(XcInterface xch, int domid, xen_domctl_sched_credit2 sdom);

    /**
     * Reads the hypervisor console ring into {@code buffer}. {@code pnr_chars} is IN (the
     * buffer size) / OUT (bytes read); with {@code incremental} set, {@code pindex} is the
     * IN/OUT read position.
     */
    int xc_readconsolering(XcInterface xch, Pointer buffer, IntByReference pnr_chars, int clear,
                           int incremental, IntByReference pindex);

    int xc_send_debug_keys(XcInterface xch, String keys);

    int xc_hvm_param_set(XcInterface xch, int dom, int param, long value);

    /** Maps {@code size} bytes of the guest frame {@code mfn} (a gfn for HVM) into this process; NULL on error. */
    Pointer xc_map_foreign_range(XcInterface xch, int dom, int size, int prot, com.sun.jna.NativeLong mfn);

    int xc_hvm_param_get(XcInterface xch, int dom, int param, LongByReference value);

    /** @param tsc_mode 0 default, 1 always emulate, 2 native, 3 no rdtscp (removed). */
    int xc_domain_set_tsc_info(XcInterface xch, int domid, int tsc_mode, long elapsed_nsec, int gtsc_khz,
                               int incarnation);

    /**
     * The guest's memory map as its firmware/start info reports it (x86 HVM/PVH, or PV with
     * e820_host). {@code entries} points at {@code nr_entries} packed {@code struct e820entry}.
     */
    int xc_domain_set_memory_map(XcInterface xch, int domid, Pointer entries, int nr_entries);

    /** HAP/shadow paging pool of an HVM/PVH domain, in bytes (libxl: shadow_memkb * 1024). */
    int xc_set_paging_mempool_size(XcInterface xch, int domid, long size);
}
