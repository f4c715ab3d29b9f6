package io.xlj.libxl;

import io.xlj.xen.E820Entry;
import io.xlj.xen.XenConstants;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest-physical layout libxl 4.17 computes for an HVM container
 * ({@code libxl__build_hvm}, {@code domain_construct_memmap}): RAM below the MMIO hole,
 * the rest above 4 GiB, and for PVH (no device model) a hole just big enough for the
 * ACPI tables, the local APIC and the special pages.
 *
 * @param memSize bytes of RAM the builder populates ((max_memkb - video_memkb) KiB)
 * @param targetPages pages of RAM the guest starts with
 */
record HvmMemoryLayout(long memSize, long targetPages, long mmioStart, long mmioSize, long lowmemEnd,
                       long highmemEnd, long vgaHoleSize, boolean deviceModel) {

    static final long GB4 = 1L << 32;
    /** LAPIC_BASE_ADDRESS and ACPI_INFO_PHYSICAL_ADDRESS of libxl_arch.h. */
    static final long LAPIC_BASE_ADDRESS = 0xfee00000L;
    static final long ACPI_INFO_PHYSICAL_ADDRESS = 0xfc000000L;
    /** LIBXL_VGA_HOLE_SIZE, in pages. */
    static final long VGA_HOLE_SIZE = 0x20;
    /** GUEST_LOW_MEM_START_DEFAULT: an HVM guest's RAM starts above its firmware's first MiB. */
    static final long LOW_MEM_START_WITH_DM = 0x100000L;

    /** First byte of the special pages (xenstore, console, ...) below the end of the special region. */
    static long specialPagesStart() {
        return (XenConstants.X86_HVM_END_SPECIAL_REGION - XenConstants.X86_HVM_NR_SPECIAL_PAGES)
                << XenConstants.XC_PAGE_SHIFT;
    }

    /**
     * @param mmioHoleKb the configured mmio_hole (HVM only), 0 for the default
     * @param deviceModel true for HVM (qemu), false for PVH
     */
    static HvmMemoryLayout of(long maxMemKb, long targetMemKb, long videoMemKb, long mmioHoleKb, boolean deviceModel) {
        long memSize = (maxMemKb - videoMemKb) << 10;
        long targetPages = (targetMemKb - videoMemKb) >> 2;
        long mmioSize = 0;
        if (mmioHoleKb != 0) {
            long maxRamBelow4g = GB4 - (mmioHoleKb << 10);
            if (maxRamBelow4g < XenConstants.HVM_BELOW_4G_MMIO_START) {
                mmioSize = mmioHoleKb << 10;
            }
        }
        if (targetPages == 0) {
            targetPages = memSize >> XenConstants.XC_PAGE_SHIFT;
        }
        if (mmioSize == 0 && deviceModel) {
            mmioSize = XenConstants.HVM_BELOW_4G_MMIO_LENGTH;
        } else if (mmioSize == 0) {
            long start = Math.min(Math.min(specialPagesStart(), LAPIC_BASE_ADDRESS), ACPI_INFO_PHYSICAL_ADDRESS);
            mmioSize = GB4 - start;
        }
        long lowmemEnd = memSize;
        long highmemEnd = 0;
        long mmioStart = GB4 - mmioSize;
        if (lowmemEnd > mmioStart) {
            highmemEnd = GB4 + (lowmemEnd - mmioStart);
            lowmemEnd = mmioStart;
        }
        return new HvmMemoryLayout(memSize, targetPages, mmioStart, mmioSize, lowmemEnd, highmemEnd,
                deviceModel ? VGA_HOLE_SIZE : 0, deviceModel);
    }

    /** One loaded ACPI module: where the builder put it and how long it is. */
    record AcpiRange(long guestAddr, long length) {
    }

    /**
     * The memory map libxl passes to {@code xc_domain_set_memory_map}: low RAM, (for PVH) the
     * special pages, each ACPI module, high RAM.
     */
    List<E820Entry> e820(boolean pvh, List<AcpiRange> acpi) {
        List<E820Entry> map = new ArrayList<>();
        long lowStart = deviceModel ? LOW_MEM_START_WITH_DM : 0;
        map.add(new E820Entry(lowStart, lowmemEnd - lowStart, XenConstants.E820_RAM));
        if (pvh) {
            map.add(new E820Entry(specialPagesStart(),
                    (long) XenConstants.X86_HVM_NR_SPECIAL_PAGES << XenConstants.XC_PAGE_SHIFT,
                    XenConstants.E820_RESERVED));
        }
        long pageMask = XenConstants.XC_PAGE_SIZE - 1;
        for (AcpiRange a : acpi) {
            if (a.length() != 0) {
                map.add(new E820Entry(a.guestAddr() & ~pageMask, a.length() + (a.guestAddr() & pageMask),
                        XenConstants.E820_ACPI));
            }
        }
        if (highmemEnd != 0) {
            map.add(new E820Entry(GB4, highmemEnd - GB4, XenConstants.E820_RAM));
        }
        if (map.size() >= XenConstants.E820MAX) {
            throw new ToolstackException("domain_construct_memmap", null, "Ooops! Too many entries in the memory map!");
        }
        return map;
    }
}
