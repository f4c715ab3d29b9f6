package io.xlj.xen;

import com.sun.jna.Structure.FieldOrder;

/** {@code struct xen_domctl_sched_credit} ({@code xen/domctl.h}). */
@FieldOrder({"weight", "cap"})
public class xen_domctl_sched_credit extends XenStructure {
    /** uint16_t. */
    public short weight;
    /** uint16_t, percent of one CPU; 0 = no cap. */
    public short cap;
}
