package io.xlj.xen;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/**
 * Opaque {@code struct xc_dom_image *} from {@code xc_dom_allocate} ({@code xenguest.h}).
 *
 * <p>The struct is 1952 bytes of builder state that libxenguest owns. libxl reaches into
 * it for a handful of fields (event channels, console/xenstore pfns, HVM memory layout);
 * rather than mirror all of it, those fields are read and written at fixed offsets listed
 * in {@link Field}, each checked against {@code offsetof} by the layout test.
 */
public class XcDomImage extends PointerType {

    /** {@code sizeof(struct xc_dom_image)} in Xen 4.17 (unchanged 4.16 to 4.21). */
    public static final int SIZE = 1952;

    /** The fields libxl touches, with their C name, offset and size in Xen 4.17 (x86_64). */
    public enum Field {
        CONSOLE_PFN("console_pfn", 384, 8),
        XENSTORE_PFN("xenstore_pfn", 392, 8),
        PV_P2M("pv_p2m", 480, 8),
        TOTAL_PAGES("total_pages", 504, 8),
        FLAGS("flags", 560, 8),
        CONSOLE_EVTCHN("console_evtchn", 568, 4),
        XENSTORE_EVTCHN("xenstore_evtchn", 572, 4),
        CONSOLE_DOMID("console_domid", 576, 4),
        XENSTORE_DOMID("xenstore_domid", 580, 4),
        GUEST_DOMID("guest_domid", 600, 4),
        CLAIM_ENABLED("claim_enabled", 604, 4),
        VMEMRANGES("vmemranges", 1656, 8),
        NR_VMEMRANGES("nr_vmemranges", 1664, 4),
        VNODE_TO_PNODE("vnode_to_pnode", 1672, 8),
        NR_VNODES("nr_vnodes", 1680, 4),
        CONTAINER_TYPE("container_type", 1712, 4),
        TARGET_PAGES("target_pages", 1720, 8),
        MMIO_START("mmio_start", 1728, 8),
        MMIO_SIZE("mmio_size", 1736, 8),
        LOWMEM_END("lowmem_end", 1744, 8),
        HIGHMEM_END("highmem_end", 1752, 8),
        VGA_HOLE_SIZE("vga_hole_size", 1760, 8),
        DEVICE_MODEL("device_model", 1768, 1),
        SYSTEM_FIRMWARE_MODULE("system_firmware_module", 1776, 24),
        ACPI_MODULES("acpi_modules", 1800, 96),
        SMBIOS_MODULE("smbios_module", 1896, 24),
        E820("e820", 1920, 8),
        E820_ENTRIES("e820_entries", 1928, 4),
        VUART_GFN("vuart_gfn", 1936, 8),
        MAX_VCPUS("max_vcpus", 1944, 4);

        public final String cName;
        public final int offset;
        public final int size;

        Field(String cName, int offset, int size) {
            this.cName = cName;
            this.offset = offset;
            this.size = size;
        }
    }

    public XcDomImage() {
        super();
    }

    public XcDomImage(Pointer p) {
        super(p);
    }

    private Pointer at(Field f, int expectedSize) {
        if (f.size != expectedSize) {
            throw new IllegalArgumentException("xc_dom_image." + f.cName + " is " + f.size
                    + " bytes wide, not " + expectedSize);
        }
        Pointer p = getPointer();
        if (p == null) {
            throw new IllegalStateException("xc_dom_image is NULL (released or never allocated)");
        }
        return p;
    }

    public int getInt(Field f) {
        return at(f, 4).getInt(f.offset);
    }

    public void setInt(Field f, int value) {
        at(f, 4).setInt(f.offset, value);
    }

    public long getLong(Field f) {
        return at(f, 8).getLong(f.offset);
    }

    public void setLong(Field f, long value) {
        at(f, 8).setLong(f.offset, value);
    }

    public Pointer getPointerField(Field f) {
        return at(f, 8).getPointer(f.offset);
    }

    public void setPointerField(Field f, Pointer value) {
        at(f, 8).setPointer(f.offset, value);
    }

    public boolean getBool(Field f) {
        return at(f, 1).getByte(f.offset) != 0;
    }

    public void setBool(Field f, boolean value) {
        at(f, 1).setByte(f.offset, (byte) (value ? 1 : 0));
    }

    /** A view of an embedded {@code xc_hvm_firmware_module} (system firmware, SMBIOS, or ACPI module {@code i}). */
    public xc_hvm_firmware_module firmwareModule(Field f, int index) {
        int width = new xc_hvm_firmware_module().size();
        if (f != Field.SYSTEM_FIRMWARE_MODULE && f != Field.SMBIOS_MODULE && f != Field.ACPI_MODULES) {
            throw new IllegalArgumentException("xc_dom_image." + f.cName + " is not a firmware module");
        }
        if (index < 0 || (index + 1) * width > f.size) {
            throw new IndexOutOfBoundsException("xc_dom_image." + f.cName + "[" + index + "]");
        }
        xc_hvm_firmware_module m = new xc_hvm_firmware_module(at(f, f.size).share(f.offset + (long) index * width));
        m.read();
        return m;
    }
}
