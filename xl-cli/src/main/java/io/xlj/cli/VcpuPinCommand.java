package io.xlj.cli;

import io.xlj.config.model.Bitmap;
import io.xlj.config.spec.CNumbers;
import io.xlj.config.spec.CpuRangeParser;
import io.xlj.config.spec.HostTopology;
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
        DomainQualifier.find(ctx, rest[0]);
        String vcpu = rest[1];
        String hardStr = rest[2];
        String softStr = rest.length > 3 ? rest[3] : null;

        CNumbers.Result v = CNumbers.strtol(vcpu, 10);
        if (v.end() == 0 || v.value() < 0) {
            if (!vcpu.equals("all")) {
                ctx.err().print("Error: Invalid argument " + vcpu + " as VCPU.\n");
                return 1;
            }
            if (force) {
                ctx.err().print("Error: --force and 'all' as VCPU not allowed.\n");
                return 1;
            }
        }
        HostTopology topo = host.get();
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
        if (ctx.dryRun()) {
            StringBuilder sb = new StringBuilder("cpumap: ");
            sb.append(hard == null ? "-" : CpuRangeParser.format(hard, topo.maxCpus()));
            if (soft != null) {
                sb.append(' ').append(CpuRangeParser.format(soft, topo.maxCpus()));
            }
            ctx.out().print(sb.append('\n'));
            return 0;
        }
        return DomainQualifier.needsHypervisor(ctx, "vcpu-pin");
    }
}
