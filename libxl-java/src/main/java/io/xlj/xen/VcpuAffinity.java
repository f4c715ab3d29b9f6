package io.xlj.xen;

import java.util.BitSet;

/** Hard and soft affinity of a vCPU, one bit per physical CPU. Defensive copies both ways. */
public record VcpuAffinity(BitSet hard, BitSet soft) {

    public VcpuAffinity {
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
