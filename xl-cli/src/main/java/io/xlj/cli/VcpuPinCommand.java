package io.xlj.cli;

import io.xlj.config.model.Bitmap;
import io.xlj.config.spec.CNumbers;
import io.xlj.config.spec.CpuRangeParser;
import io.xlj.config.spec.HostTopology;
import io.xlj.libxl.LibxlError;
import io.xlj.libxl.Toolstack;
import io.xlj.libxl.VcpuState;
import io.xlj.xen.PhysInfo;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code xl vcpu-pin [-f|--force] [-i] <Domain> <VCPU|all> <Hard affinity|-> [Soft
 * affinity|-]} (xl_vcpu.c main_vcpupin); with -N it prints the parsed maps as
 * {@code cpumap: HARD[ SOFT]} over the host's CPUs.
 */
final class VcpuPinCommand implements XlCommand {

    private static final Getopt.LongOpt[] LONGOPTS = {
        new Getopt.LongOpt("force", Getopt.LongOpt.NO_ARGUMENT, 'f'),
        new Getopt.LongOpt("ignore-global-affinity-masks", Getopt.LongOpt.NO_ARGUMENT, 'i'),
        CommandOptions.HELP,
    };

    private final Supplier<HostTopology> host;

    VcpuPinCommand() {
        this(HostTopology::current);
    }

    VcpuPinCommand(Supplier<HostTopology> host) {
        this.host = host;
    }

    @Override
    public int run(XlContext ctx, String[] args) {
        boolean force = false;
        CommandOptions o = ctx.options(args, "fi", LONGOPTS, "vcpu-pin", 3);
        for (int opt; (opt = o.next()) != -1; ) {
            if (opt == 'f') {
                force = true;
            }
        }
        String[] rest = o.remaining();
        if (ctx.dryRun()) {
            DomainQualifier.find(ctx, rest[0]);
            return pin(ctx, null, -1, rest, force, host.get());
        }
        try (Toolstack ts = XenHost.open(ctx)) {
            // xl resolves the domain first, before it looks at the other arguments
            int domid = XenHost.findDomain(ctx, ts, rest[0]);
            PhysInfo p = ts.xenCtrl().physInfo();
            return pin(ctx, ts, domid, rest, force, HostTopology.uniform(p.maxCpuId() + 1, p.maxNodeId() + 1));
        }
    }

    private int pin(XlContext ctx, Toolstack ts, int domid, String[] rest, boolean force, HostTopology topo) {
        String vcpu = rest[1];
        String hardStr = rest[2];
        String softStr = rest.length > 3 ? rest[3] : null;

        CNumbers.Result v = CNumbers.strtol(vcpu, 10);
        long vcpuId = v.value();
        if (v.end() == 0 || v.value() < 0) {
            if (!vcpu.equals("all")) {
                ctx.err().print("Error: Invalid argument " + vcpu + " as VCPU.\n");
                return 1;
            }
            if (force) {
                ctx.err().print("Error: --force and 'all' as VCPU not allowed.\n");
                return 1;
            }
            vcpuId = -1;
        }
        Bitmap hard = null;
        if (!hardStr.equals("-")) {
            hard = CpuRangeParser.parse(hardStr, topo, ctx.err()::print);
            if (hard == null) {
                return 1;
            }
        }
        Bitmap soft = null;
        if (softStr != null && !softStr.equals("-")) {
            soft = CpuRangeParser.parse(softStr, topo, ctx.err()::print);
            if (soft == null) {
                return 1;
            }
        }
        if (ts == null) {
            StringBuilder sb = new StringBuilder("cpumap: ");
            sb.append(hard == null ? "-" : CpuRangeParser.format(hard, topo.maxCpus()));
            if (soft != null) {
                sb.append(' ').append(CpuRangeParser.format(soft, topo.maxCpus()));
            }
            ctx.out().print(sb.append('\n'));
            return 0;
        }
        if (force) {
            ctx.err().print("xlj: `xl vcpu-pin --force' is not implemented yet\n");
            return 1;
        }
        BitSet h = hard == null ? null : hard.bits();
        BitSet s = soft == null ? null : soft.bits();
        if (vcpuId != -1) {
            try {
                setAffinity(ts, domid, (int) vcpuId, h, s);
            } catch (LibxlError e) {
                LibxlErrors.print(ctx, e);
                ctx.err().print("Could not set affinity for vcpu `" + vcpuId + "'.\n");
                return 1;
            }
            return 0;
        }
        List<VcpuState> vcpus;
        try {
            vcpus = ts.vcpus(domid).orElse(null);
        } catch (LibxlError e) {
            LibxlErrors.print(ctx, e);
            vcpus = null;
        }
        if (vcpus == null) {
            ctx.err().print("libxl_list_vcpu failed.\n");
            return 1;
        }
        boolean failed = false;
        for (VcpuState vs : vcpus) {
            try {
                setAffinity(ts, domid, vs.vcpu(), h, s);
            } catch (LibxlError e) {
                LibxlErrors.print(ctx, e);
                ctx.err().print("libxl: warning: libxl_sched.c:124:libxl_set_vcpuaffinity_all: Domain " + domid
                        + ":Failed to set affinity for " + vs.vcpu() + "\n");
                failed = true;
            }
        }
        if (failed) {
            ctx.err().print("Could not set affinity.\n");
        }
        return 0;
    }

    /** libxl__set_vcpuaffinity: nothing to set is ERROR_INVAL, without a log line. */
    private static void setAffinity(Toolstack ts, int domid, int vcpu, BitSet hard, BitSet soft) {
        if (hard == null && soft == null) {
            throw new LibxlError(LibxlError.ERROR_INVAL, List.of(), "no affinity to set");
        }
        ts.setVcpuAffinity(domid, vcpu, hard, soft);
    }
}
