package io.xlj.xen;

import com.sun.jna.Structure.FieldOrder;

/** {@code struct xen_arch_domainconfig}, x86 part ({@code xen/arch-x86/xen.h}). */
@FieldOrder({"emulation_flags", "misc_flags"})
public class xen_arch_domainconfig extends XenStructure {
    /** {@code XEN_X86_EMU_*}: 0 for PV, LAPIC for PVH, ALL &amp; ~VPCI for HVM. */
    public int emulation_flags;
    /** {@code XEN_X86_MSR_RELAXED}. */
    public int misc_flags;
}
