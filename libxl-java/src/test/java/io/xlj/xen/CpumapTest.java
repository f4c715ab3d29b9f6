package io.xlj.xen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Our BitSet → xc_cpumap_t conversion against libxenctrl's own xc_cpumap_setcpu/testcpu. */
class CpumapTest {

    private final XenCtrlLibrary lib = XenLibraries.ctrl();

    @Test
    void bitOrderMatchesLibxenctrl() {
        SplittableRandom random = new SplittableRandom(17);
        int size = 32; // 256 CPUs
        for (int round = 0; round < 200; round++) {
            BitSet cpus = new BitSet();
            byte[] theirs = new byte[size];
            int n = random.nextInt(1, 20);
            for (int i = 0; i < n; i++) {
                int cpu = random.nextInt(size * 8);
                cpus.set(cpu);
                lib.xc_cpumap_setcpu(cpu, theirs);
            }
            byte[] ours = XenCtrl.toCpumap(cpus, size);
            assertThat(ours).as("cpumap of %s", cpus).isEqualTo(theirs);
            BitSet back = BitSet.valueOf(theirs);
            assertThat(back).isEqualTo(cpus);
            for (int cpu = 0; cpu < size * 8; cpu++) {
                assertThat(lib.xc_cpumap_testcpu(cpu, theirs) != 0).as("cpu %d", cpu).isEqualTo(cpus.get(cpu));
            }
        }
    }
}
