package io.xlj.xen;

/**
 * One range of a guest's memory map, as {@code xc_domain_set_memory_map} and the PVH start
 * info carry it.
 *
 * @param type {@code XenConstants.E820_RAM}, {@code E820_RESERVED}, {@code E820_ACPI}, ...
 */
public record E820Entry(long addr, long size, int type) {

    public E820Entry {
        if (size < 0 || addr < 0) {
            throw new IllegalArgumentException("e820 range out of bounds: addr " + addr + " size " + size);
        }
    }

    public long end() {
        return addr + size;
    }
}
