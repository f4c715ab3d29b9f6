package io.xlj.xen;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * One run of libxenguest's domain builder over an {@code xc_dom_image}, in the order
 * libxl's {@code libxl__build_dom} uses:
 *
 * <pre>
 * try (XenDomBuilder b = ctrl.domBuilder(cmdline, features)) {
 *     b.containerType(XC_DOM_PV_CONTAINER);
 *     b.kernelFile(kernel); b.moduleFile(ramdisk, null);
 *     b.setConsole(consolePort, 0); b.setXenstore(storePort, 0); b.maxVcpus(n);
 *     b.bootXenInit(domid); b.parseImage(); b.memInit(memMb); b.bootMemInit();
 *     b.buildImage(); b.bootImage(); b.gnttabInit();
 *     long storeMfn = b.p2m(b.xenstorePfn()), consoleMfn = b.p2m(b.consolePfn());
 * }
 * </pre>
 *
 * {@link #close()} releases the image ({@code xc_dom_release}).
 */
public final class XenDomBuilder implements AutoCloseable {

    /** {@code INVALID_MFN}: what the inline {@code xc_dom_p2m} answers beyond the guest's pages. */
    public static final long INVALID_MFN = ~0L;

    private final XenCtrl ctrl;
    private final XenGuestLibrary guest;
    private XcDomImage dom;
    private int domid = -1;
    /** Kernel/module blobs handed over as memory must outlive the builder. */
    private final List<Memory> blobs = new ArrayList<>();

    private XenDomBuilder(XenCtrl ctrl, XenGuestLibrary guest, XcDomImage dom) {
        this.ctrl = ctrl;
        this.guest = guest;
        this.dom = dom;
    }

    static XenDomBuilder allocate(XenCtrl ctrl, String cmdline, String features) {
        XenGuestLibrary guest = XenLibraries.guest();
        // Without loginit libxenguest writes its own log file under /var/log/xen.
        ctrl.call("xc_dom_loginit", null, () -> guest.xc_dom_loginit(ctrl.handle()));
        ctrl.logger().clearLastError();
        XcDomImage dom = guest.xc_dom_allocate(ctrl.handle(), cmdline, features);
        if (dom == null) {
            throw new XenCallException("xc_dom_allocate", null, Native.getLastError(), ctrl.logger().lastError());
        }
        return new XenDomBuilder(ctrl, guest, dom);
    }

    /** The raw image, for fields this class has no setter for. */
    public XcDomImage image() {
        if (dom == null) {
            throw new IllegalStateException("xc_dom_image already released");
        }
        return dom;
    }

    private void step(String name, IntSupplier fn) {
        image();
        ctrl.call(name, domid < 0 ? null : domid, fn);
    }

    // ---- inputs ----------------------------------------------------------------------

    /** {@code XC_DOM_PV_CONTAINER} or {@code XC_DOM_HVM_CONTAINER}. */
    public void containerType(int type) {
        image().setInt(XcDomImage.Field.CONTAINER_TYPE, type);
    }

    public void kernelFile(String path) {
        step("xc_dom_kernel_file", () -> guest.xc_dom_kernel_file(image(), Objects.requireNonNull(path)));
    }

    public void kernelMem(byte[] kernel) {
        Memory m = keep(kernel);
        step("xc_dom_kernel_mem", () -> guest.xc_dom_kernel_mem(image(), m, kernel.length));
    }

    /**
     * The kernel from a mapped file: the builder reads it in place (libxl's path for a kernel
     * a bootloader extracted). The mapping must outlive this builder.
     */
    public void kernelMem(MappedFile kernel) {
        step("xc_dom_kernel_mem", () -> guest.xc_dom_kernel_mem(image(), kernel.data(), kernel.size()));
    }

    public void moduleFile(String path, String cmdline) {
        step("xc_dom_module_file", () -> guest.xc_dom_module_file(image(), Objects.requireNonNull(path), cmdline));
    }

    public void moduleMem(byte[] module, String cmdline) {
        Memory m = keep(module);
        step("xc_dom_module_mem", () -> guest.xc_dom_module_mem(image(), m, module.length, cmdline));
    }

    /** A module (ramdisk) already in native memory, kept alive until this builder is closed. */
    public void moduleMem(Memory module, long size, String cmdline) {
        blobs.add(module);
        step("xc_dom_module_mem", () -> guest.xc_dom_module_mem(image(), module, size, cmdline));
    }

    /** A module (ramdisk) from a mapped file, which must outlive this builder. */
    public void moduleMem(MappedFile module, String cmdline) {
        step("xc_dom_module_mem", () -> guest.xc_dom_module_mem(image(), module.data(), module.size(), cmdline));
    }

    private Memory keep(byte[] data) {
        Memory m = new Memory(Math.max(1, data.length));
        m.write(0, data, 0, data.length);
        blobs.add(m);
        return m;
    }

    public void flags(long flags) {
        image().setLong(XcDomImage.Field.FLAGS, flags);
    }

    public void setConsole(int evtchn, int backendDomid) {
        image().setInt(XcDomImage.Field.CONSOLE_EVTCHN, evtchn);
        image().setInt(XcDomImage.Field.CONSOLE_DOMID, backendDomid);
    }

    public void setXenstore(int evtchn, int backendDomid) {
        image().setInt(XcDomImage.Field.XENSTORE_EVTCHN, evtchn);
        image().setInt(XcDomImage.Field.XENSTORE_DOMID, backendDomid);
    }

    public void claimEnabled(boolean claim) {
        image().setInt(XcDomImage.Field.CLAIM_ENABLED, claim ? 1 : 0);
    }

    public void maxVcpus(int n) {
        image().setInt(XcDomImage.Field.MAX_VCPUS, n);
    }

    /** HVM: the memory layout libxl computes ({@code libxl__build_hvm}). */
    public void hvmMemoryLayout(long targetPages, long mmioStart, long mmioSize, long lowmemEnd, long highmemEnd,
                                long vgaHoleSize, boolean deviceModel) {
        XcDomImage d = image();
        d.setLong(XcDomImage.Field.TARGET_PAGES, targetPages);
        d.setLong(XcDomImage.Field.MMIO_START, mmioStart);
        d.setLong(XcDomImage.Field.MMIO_SIZE, mmioSize);
        d.setLong(XcDomImage.Field.LOWMEM_END, lowmemEnd);
        d.setLong(XcDomImage.Field.HIGHMEM_END, highmemEnd);
        d.setLong(XcDomImage.Field.VGA_HOLE_SIZE, vgaHoleSize);
        d.setBool(XcDomImage.Field.DEVICE_MODEL, deviceModel);
    }

    /** HVM: the system firmware blob (SeaBIOS/OVMF) libxl loads into {@code system_firmware_module}. */
    public void systemFirmware(byte[] firmware) {
        module(XcDomImage.Field.SYSTEM_FIRMWARE_MODULE, 0, firmware, 0);
    }

    /** HVM: an SMBIOS pass-through blob ({@code smbios_firmware=}) for hvmloader, in {@code smbios_module}. */
    public void smbiosModule(byte[] tables) {
        module(XcDomImage.Field.SMBIOS_MODULE, 0, tables, 0);
    }

    /**
     * Where the builder placed a firmware module in guest memory ({@code guest_addr_out}), 0 for
     * a module it was not given; after {@link #buildImage()}.
     */
    public long moduleGuestAddress(XcDomImage.Field module, int index) {
        return image().firmwareModule(module, index).guest_addr_out;
    }

    /**
     * HVM/PVH: the memory map libxl hands to the builder after {@code xc_domain_set_memory_map}
     * ({@code dom->e820}); the PVH start info is built from it.
     */
    public void e820(List<E820Entry> entries) {
        Memory m = XenCtrl.e820Table(entries);
        blobs.add(m);
        XcDomImage d = image();
        d.setPointerField(XcDomImage.Field.E820, m);
        d.setInt(XcDomImage.Field.E820_ENTRIES, entries.size());
    }

    /**
     * HVM/PVH: ACPI module {@code index} ({@code dom->acpi_modules[index]}), loaded by the
     * builder at guest address {@code guestAddr}. Module 0 is the RSDP for a PVH guest.
     */
    public void acpiModule(int index, byte[] data, long guestAddr) {
        module(XcDomImage.Field.ACPI_MODULES, index, data, guestAddr);
    }

    /** One {@code xc_hvm_firmware_module} of the image: the blob, kept alive until release. */
    private void module(XcDomImage.Field field, int index, byte[] data, long guestAddr) {
        Memory m = keep(data);
        xc_hvm_firmware_module mod = image().firmwareModule(field, index);
        mod.data = m;
        mod.length = data.length;
        mod.guest_addr_out = guestAddr;
        mod.write();
    }

    /** The guest OS the kernel's ELF notes name ("linux", ...); after {@link #parseImage()}. */
    public String guestOs() {
        return guest.xc_dom_guest_os(image());
    }

    /** Whether the kernel declares Xen feature {@code nr} ({@code XENFEAT_*}); after {@link #parseImage()}. */
    public boolean feature(int nr) {
        return guest.xc_dom_feature_get(image(), nr) != 0;
    }

    // ---- the builder steps -----------------------------------------------------------

    public void bootXenInit(int guestDomid) {
        this.domid = guestDomid;
        step("xc_dom_boot_xen_init", () -> guest.xc_dom_boot_xen_init(image(), ctrl.handle(), guestDomid));
    }

    public void parseImage() {
        step("xc_dom_parse_image", () -> guest.xc_dom_parse_image(image()));
    }

    public void memInit(int memMb) {
        step("xc_dom_mem_init", () -> guest.xc_dom_mem_init(image(), memMb));
    }

    public void bootMemInit() {
        step("xc_dom_boot_mem_init", () -> guest.xc_dom_boot_mem_init(image()));
    }

    public void buildImage() {
        step("xc_dom_build_image", () -> guest.xc_dom_build_image(image()));
    }

    public void bootImage() {
        step("xc_dom_boot_image", () -> guest.xc_dom_boot_image(image()));
    }

    public void gnttabInit() {
        step("xc_dom_gnttab_init", () -> guest.xc_dom_gnttab_init(image()));
    }

    // ---- outputs ---------------------------------------------------------------------

    public boolean translated() {
        return guest.xc_dom_translated(image()) != 0;
    }

    public long consolePfn() {
        return image().getLong(XcDomImage.Field.CONSOLE_PFN);
    }

    public long xenstorePfn() {
        return image().getLong(XcDomImage.Field.XENSTORE_PFN);
    }

    /**
     * The machine frame of a guest pfn, as the inline {@code xc_dom_p2m} of xenguest.h
     * computes it: identity for translated guests, {@code pv_p2m[pfn]} for PV.
     */
    public long p2m(long pfn) {
        if (translated()) {
            return pfn;
        }
        XcDomImage d = image();
        if (Long.compareUnsigned(pfn, d.getLong(XcDomImage.Field.TOTAL_PAGES)) >= 0) {
            return INVALID_MFN;
        }
        Pointer p2m = d.getPointerField(XcDomImage.Field.PV_P2M);
        return p2m.getLong(pfn * Long.BYTES);
    }

    @Override
    public void close() {
        if (dom != null) {
            XcDomImage d = dom;
            dom = null;
            guest.xc_dom_release(d);
        }
        blobs.clear();
    }
}
