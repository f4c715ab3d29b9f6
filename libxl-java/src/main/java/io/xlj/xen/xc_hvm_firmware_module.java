package io.xlj.xen;

import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;

/**
 * {@code struct xc_hvm_firmware_module} ({@code xenguest.h}): a firmware blob handed to the
 * HVM builder (system firmware, ACPI tables, SMBIOS). Embedded by value in {@code xc_dom_image}.
 */
@FieldOrder({"data", "length", "guest_addr_out"})
public class xc_hvm_firmware_module extends XenStructure {
    public Pointer data;
    public int length;
    /** OUT: where the builder placed the blob in guest memory. */
    public long guest_addr_out;

    public xc_hvm_firmware_module() {
        super();
    }

    public xc_hvm_firmware_module(Pointer p) {
        super(p);
    }
}
