package io.xlj.xen;

import com.sun.jna.Structure.FieldOrder;

/** {@code struct xen_domctl_getvcpuinfo}, libxenctrl's {@code xc_vcpuinfo_t} ({@code xen/domctl.h}). */
@FieldOrder({"vcpu", "online", "blocked", "running", "cpu_time", "cpu"})
public class xen_domctl_getvcpuinfo extends XenStructure {
    public int vcpu;
    public byte online;
    public byte blocked;
    public byte running;
    /** Nanoseconds. */
    public long cpu_time;
    /** The physical CPU the vCPU last ran on. */
    public int cpu;
}
