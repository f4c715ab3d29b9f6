package io.xlj.xen;

/** One vCPU ({@code xc_vcpu_getinfo}); {@code cpu} is the physical CPU it last ran on. */
public record VcpuInfo(int vcpu, boolean online, boolean blocked, boolean running, long cpuTimeNs, int cpu) {

    static VcpuInfo from(xen_domctl_getvcpuinfo i) {
        return new VcpuInfo(i.vcpu, i.online != 0, i.blocked != 0, i.running != 0, i.cpu_time, i.cpu);
    }
}
