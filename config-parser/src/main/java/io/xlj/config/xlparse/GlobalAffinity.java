package io.xlj.config.xlparse;

import io.xlj.config.GlobalConfig;
import io.xlj.config.model.Bitmap;
import io.xlj.config.model.DomainBuildInfo;
import io.xlj.config.model.DomainType;
import io.xlj.config.spec.CpuRangeParser;
import io.xlj.config.spec.Diagnostics;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What create_domain does right after parsing unless {@code -i}: xl.conf's vm.cpumask,
 * vm.hvm.cpumask (HVM and PVH) and vm.pv.cpumask restrict every vcpu's hard affinity
 * (xl_vcpu.c apply_global_affinity_masks); a guest without cpus= gets all-CPU maps first
 * when any mask is not full.
 */
final class GlobalAffinity {

    private GlobalAffinity() {
    }

    static void apply(DomainBuildInfo.Builder b, DomainType type, GlobalConfig globals, HostInfo host,
                      PrintStream err) {
        int bits = (host.maxCpus() + 7) / 8 * 8;
        BitSet vm = mask(globals.vmCpumask(), host, bits);
        BitSet typeMask = mask(type == DomainType.PV ? globals.vmPvCpumask() : globals.vmHvmCpumask(), host, bits);
        boolean vmFull = vm.cardinality() == bits;
        boolean typeFull = typeMask.cardinality() == bits;
        if (b.vcpuHardAffinity.isEmpty() && (!vmFull || !typeFull)) {
            List<BitSet> all = new ArrayList<>();
            for (int i = 0; i < b.maxVcpus; i++) {
                BitSet m = new BitSet();
                m.set(0, bits);
                all.add(m);
            }
            b.vcpuHardAffinity = all;
        }
        List<BitSet> out = new ArrayList<>();
        for (BitSet t : b.vcpuHardAffinity) {
            BitSet r = (BitSet) t.clone();
            r.and(vm);
            r.and(typeMask);
            if (r.isEmpty()) {
                err.print("vcpu hard affinity map is empty\n");
                throw new XlExit(1);
            }
            out.add(r);
        }
        b.vcpuHardAffinity = out;
    }

    /** A global mask: the parsed list, or every CPU when xl.conf does not set it. */
    private static BitSet mask(String text, HostInfo host, int bits) {
        Bitmap.Builder m = CpuRangeParser.newCpuMap(host.topology());
        if (text == null) {
            m.setAny();
        } else {
            // xl reports a bad mask while reading xl.conf and goes on with what it parsed.
            CpuRangeParser.parse(text, m, host.topology(), Diagnostics.NONE);
        }
        BitSet s = m.build().bits();
        s.clear(bits, Math.max(bits, s.length()));
        return s;
    }
}
