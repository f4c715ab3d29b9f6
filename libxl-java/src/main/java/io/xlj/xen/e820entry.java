package io.xlj.xen;

import com.sun.jna.Structure.FieldOrder;

/**
 * {@code struct e820entry} ({@code xenctrl.h}, x86): one range of a guest's memory map.
 * Packed in C (20 bytes), so JNA must not pad it.
 */
@FieldOrder({"addr", "size", "type"})
public class e820entry extends XenStructure {
    public long addr;
    public long size;
    /** {@code E820_RAM}, {@code E820_RESERVED}, {@code E820_ACPI}, ... */
    public int type;

    public e820entry() {
        super();
        setAlignType(ALIGN_NONE);
    }
}
