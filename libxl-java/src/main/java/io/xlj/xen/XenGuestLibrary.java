package io.xlj.xen;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * Raw binding of {@code libxenguest.so.4.17}: the domain builder ({@code xc_dom_*},
 * {@code xenguest.h}) plus the two {@code xenctrl.h} functions this library exports.
 *
 * <p>The builder sequence libxl runs for PV (and, with firmware modules, HVM):
 * {@code xc_dom_loginit, xc_dom_allocate, xc_dom_kernel_file|mem, xc_dom_module_file|mem,
 * (set fields of xc_dom_image), xc_dom_boot_xen_init, xc_dom_parse_image, xc_dom_mem_init,
 * xc_dom_boot_mem_init, xc_dom_build_image, xc_dom_boot_image, xc_dom_gnttab_init,
 * (read console_pfn/xenstore_pfn), xc_dom_release}. {@code bool} results are mapped to
 * byte because only the low 8 bits of the return register are defined.
 */
public interface XenGuestLibrary extends Library {

    String SONAME = "libxenguest.so.4.17";

    /** Writes the domain's memory and vCPU state to an ELF core file (xg_core.c; xenctrl.h declares it). */
    int xc_domain_dumpcore(XcInterface xch, int domid, String corename);

    /** Routes the builder's own log (otherwise a file under /var/log/xen) to the handle's logger. */
    int xc_dom_loginit(XcInterface xch);

    /** @return NULL on failure. */
    XcDomImage xc_dom_allocate(XcInterface xch, String cmdline, String features);

    void xc_dom_release(XcDomImage dom);

    int xc_dom_kernel_file(XcDomImage dom, String filename);

    /** @param memsize size_t */
    int xc_dom_kernel_mem(XcDomImage dom, Pointer mem, long memsize);

    int xc_dom_module_file(XcDomImage dom, String filename, String cmdline);

    /** @param memsize size_t */
    int xc_dom_module_mem(XcDomImage dom, Pointer mem, long memsize, String cmdline);

    int xc_dom_boot_xen_init(XcDomImage dom, XcInterface xch, int domid);

    int xc_dom_parse_image(XcDomImage dom);

    int xc_dom_mem_init(XcDomImage dom, int mem_mb);

    int xc_dom_boot_mem_init(XcDomImage dom);

    int xc_dom_build_image(XcDomImage dom);

    int xc_dom_boot_image(XcDomImage dom);

    /** Seeds grant refs 0 (console) and 1 (xenstore) of the new domain. */
    int xc_dom_gnttab_init(XcDomImage dom);

    /** C {@code bool}: nonzero if the guest is auto-translated (HVM/PVH). */
    byte xc_dom_translated(XcDomImage dom);

    /**
     * The 10-argument form (the {@code msr} argument arrived in 4.17.2). Under the x86_64
     * SysV ABI a 9-argument 4.17.0/1 callee ignores the extra trailing argument, so passing
     * {@code msr = NULL} is correct on every 4.17.x.
     */
    int xc_cpuid_apply_policy(XcInterface xch, int domid, byte restore, Pointer featureset, int nr_features,
                              byte pae, byte itsc, byte nested_virt, Pointer xend, Pointer msr);

    /** @return "x86_32-abi"/"x86_64-abi", or NULL on failure. Declared in xenctrl.h. */
    String xc_domain_get_native_protocol(XcInterface xch, int domid);

    /** The legacy one-call PV builder: kernel, ramdisk and start info in one go. */
    int xc_linux_build(XcInterface xch, int domid, int mem_mb, String image_name, String ramdisk_name,
                       String cmdline, String features, NativeLong flags, int store_evtchn,
                       NativeLongByReference store_mfn, int console_evtchn, NativeLongByReference console_mfn);

    /** The guest OS the parsed kernel names in its ELF notes ("linux", ...); valid after xc_dom_parse_image. */
    String xc_dom_guest_os(XcDomImage dom);

    /** C {@code bool}: nonzero if the parsed kernel declares Xen feature {@code nr} (XENFEAT_*) supported. */
    byte xc_dom_feature_get(XcDomImage dom, int nr);
}
