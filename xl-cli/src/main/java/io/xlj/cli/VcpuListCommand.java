package io.xlj.cli;

import io.xlj.libxl.LibxlError;
import io.xlj.libxl.Toolstack;
import io.xlj.libxl.VcpuState;
import io.xlj.xen.DomainInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code xl vcpu-list [Domain, ...]} (xl_vcpu.c main_vcpulist). */
final class VcpuListCommand implements XlCommand {

    @Override
    public int run(XlContext ctx, String[] args) {
        CommandOptions o = ctx.options(args, "", null, "vcpu-list", 0);
        while (o.next() != -1) {
            // no options
        }
        try (Toolstack ts = XenHost.open(ctx)) {
            int nrCpus = ts.xenCtrl().physInfo().maxCpuId() + 1;
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-32s %5s %5s %5s %5s %9s %s\n",
                    "Name", "ID", "VCPU", "CPU", "State", "Time(s)", "Affinity (Hard / Soft)"));
            List<Integer> doms = new ArrayList<>();
            if (o.remaining().length == 0) {
                for (DomainInfo i : ts.xenCtrl().listDomains()) {
                    doms.add(i.domid());
                }
            } else {
                ctx.out().print(out);
                out.setLength(0);
                for (String d : o.remaining()) {
                    doms.add(XenHost.findDomain(ctx, ts, d));
                }
            }
            for (int domid : doms) {
                Optional<List<VcpuState>> vcpus;
                try {
                    vcpus = ts.vcpus(domid);
                } catch (LibxlError e) {
                    ctx.out().print(out);
                    out.setLength(0);
                    ctx.out().flush();
                    LibxlErrors.print(ctx, e);
                    continue;
                }
                String name = ts.name(domid).orElse("(null)");
                for (VcpuState v : vcpus.orElse(List.of())) {
                    out.append(row(name, domid, v, nrCpus)).append('\n');
                }
            }
            ctx.out().print(out);
        }
        return 0;
    }

    static String row(String name, int domid, VcpuState v, int nrCpus) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-32s %5d %5d", name, domid, v.vcpu()));
        if (!v.online()) {
            s.append(String.format(Locale.ROOT, "%5c %3c%cp ", '-', '-', '-'));
        } else {
            s.append(String.format(Locale.ROOT, "%5d %3c%c- ", v.cpu(), v.running() ? 'r' : '-',
                    v.blocked() ? 'b' : '-'));
        }
        double secs = (double) (float) v.cpuTimeNs() / 1e9;
        s.append(String.format(Locale.ROOT, "%9s  ", new BigDecimal(secs).setScale(1, RoundingMode.HALF_EVEN)
                .toPlainString()));
        s.append(bitmap(v.hard(), nrCpus)).append(" / ").append(bitmap(v.soft(), nrCpus));
        return s.toString();
    }

    /** xl_utils.c print_bitmap: "all", "none", or ranges "0-3,6". */
    static String bitmap(BitSet map, int len) {
        StringBuilder s = new StringBuilder();
        int state = 0;
        int firstSet = 0;
        int i;
        for (i = 0; i < len; i++) {
            boolean set = map.get(i);
            if (state == 0 || state == 2) {
                if (set) {
                    firstSet = i;
                    state++;
                }
            } else if (!set) {
                s.append(state > 1 ? "," : "").append(firstSet);
                if (i - 1 > firstSet) {
                    s.append('-').append(i - 1);
                }
                state = 2;
            }
        }
        switch (state) {
            case 0 -> s.append("none");
            case 1 -> {
                if (firstSet == 0) {
                    s.append("all");
                } else {
                    s.append(firstSet);
                    if (i - 1 > firstSet) {
                        s.append('-').append(i - 1);
                    }
                }
            }
            case 3 -> {
                s.append(',').append(firstSet);
                if (i - 1 > firstSet) {
                    s.append('-').append(i - 1);
                }
            }
            default -> { }
        }
        return s.toString();
    }
}
