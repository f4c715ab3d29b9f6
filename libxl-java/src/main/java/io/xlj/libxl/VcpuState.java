package io.xlj.libxl;

import java.util.BitSet;

/** One vCPU as libxl_list_vcpu reports it (libxl_vcpuinfo): placement, state, time, affinities. */
public record VcpuState(int vcpu, int cpu, boolean online, boolean running, boolean blocked, long cpuTimeNs,
                        BitSet hard, BitSet soft) {

    public VcpuState {
        hard = (BitSet) hard.clone();
        soft = (BitSet) soft.clone();
    }

    @Override
    public BitSet hard() {
        return (BitSet) hard.clone();
    }

    @Override
    public BitSet soft() {
        return (BitSet) soft.clone();
    }
}
