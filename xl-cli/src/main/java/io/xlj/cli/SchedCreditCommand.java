package io.xlj.cli;

import io.xlj.config.spec.CNumbers;
import io.xlj.libxl.LibxlError;
import io.xlj.libxl.Toolstack;
import io.xlj.xen.SchedParams;
import java.util.Locale;

/**
 * {@code xl sched-credit} and {@code xl sched-credit2} (xl_sched.c): a domain's weight and
 * cap, shown with {@code -d Domain} and set with {@code -d Domain -w/-c}. The pool-wide forms
 * (no {@code -d}, {@code -s}, {@code -p}) need cpupool bindings xlj does not have yet.
 */
final class SchedCreditCommand implements XlCommand {

    private final boolean credit2;

    SchedCreditCommand(boolean credit2) {
        this.credit2 = credit2;
    }

    @Override
    public int run(XlContext ctx, String[] args) {
        String name = credit2 ? "sched-credit2" : "sched-credit";
        String dom = null;
        String cpupool = null;
        Integer weight = null;
        Integer cap = null;
        boolean optS = false;
        boolean optT = false;
        boolean optR = false;
        boolean optM = false;
        Getopt.LongOpt[] longopts = credit2 ? new Getopt.LongOpt[] {
            new Getopt.LongOpt("domain", Getopt.LongOpt.REQUIRED_ARGUMENT, 'd'),
            new Getopt.LongOpt("weight", Getopt.LongOpt.REQUIRED_ARGUMENT, 'w'),
            new Getopt.LongOpt("cap", Getopt.LongOpt.REQUIRED_ARGUMENT, 'c'),
            new Getopt.LongOpt("schedparam", Getopt.LongOpt.NO_ARGUMENT, 's'),
            new Getopt.LongOpt("ratelimit_us", Getopt.LongOpt.REQUIRED_ARGUMENT, 'r'),
            new Getopt.LongOpt("cpupool", Getopt.LongOpt.REQUIRED_ARGUMENT, 'p'),
            CommandOptions.HELP,
        } : new Getopt.LongOpt[] {
            new Getopt.LongOpt("domain", Getopt.LongOpt.REQUIRED_ARGUMENT, 'd'),
            new Getopt.LongOpt("weight", Getopt.LongOpt.REQUIRED_ARGUMENT, 'w'),
            new Getopt.LongOpt("cap", Getopt.LongOpt.REQUIRED_ARGUMENT, 'c'),
            new Getopt.LongOpt("schedparam", Getopt.LongOpt.NO_ARGUMENT, 's'),
            new Getopt.LongOpt("tslice_ms", Getopt.LongOpt.REQUIRED_ARGUMENT, 't'),
            new Getopt.LongOpt("ratelimit_us", Getopt.LongOpt.REQUIRED_ARGUMENT, 'r'),
            new Getopt.LongOpt("migration_delay_us", Getopt.LongOpt.REQUIRED_ARGUMENT, 'm'),
            new Getopt.LongOpt("cpupool", Getopt.LongOpt.REQUIRED_ARGUMENT, 'p'),
            CommandOptions.HELP,
        };
        CommandOptions o = ctx.options(args, credit2 ? "d:w:c:p:r:s" : "d:w:c:p:t:r:m:s", longopts, name, 0);
        for (int opt; (opt = o.next()) != -1; ) {
            switch (opt) {
                case 'd' -> dom = o.optarg();
                case 'w' -> weight = (int) CNumbers.strtol(o.optarg(), 10).value();
                case 'c' -> cap = (int) CNumbers.strtol(o.optarg(), 10).value();
                case 's' -> optS = true;
                case 't' -> optT = true;
                case 'r' -> optR = true;
                case 'm' -> optM = true;
                case 'p' -> cpupool = o.optarg();
                default -> { }
            }
        }
        if (credit2) {
            if (cpupool != null && (dom != null || weight != null || cap != null)) {
                ctx.err().print("Specifying a cpupool is not allowed with other options.\n");
                return 1;
            }
        } else if ((cpupool != null || optS) && (dom != null || weight != null || cap != null)) {
            ctx.err().print("Specifying a cpupool or schedparam is not allowed with domain options.\n");
            return 1;
        }
        if (dom == null && (weight != null || cap != null)) {
            ctx.err().print("Must specify a domain.\n");
            return 1;
        }
        if (!credit2 && !optS && (optT || optR || optM)) {
            ctx.err().print("Must specify schedparam to set schedule parameter values.\n");
            return 1;
        }
        if (optS || dom == null) {
            ctx.err().print("xlj: `xl " + name + "' without -d (cpupool parameters) is not implemented yet\n");
            return 1;
        }
        try (Toolstack ts = XenHost.open(ctx)) {
            int domid = XenHost.findDomain(ctx, ts, dom);
            if (weight == null && cap == null) {
                ctx.out().print(String.format(Locale.ROOT, "%-33s %4s %6s %4s\n", "Name", "ID", "Weight", "Cap"));
                String want = credit2 ? "credit2" : "credit";
                String actual = ts.schedulerName();
                if (!actual.equals(want)) {
                    ctx.err().print("libxl_domain_sched_params_get returned " + actual + " not " + want + ".\n");
                    return 1;
                }
                SchedParams p;
                try {
                    p = ts.schedParams(domid, credit2);
                } catch (LibxlError e) {
                    LibxlErrors.print(ctx, e);
                    ctx.err().print("libxl_domain_sched_params_get failed.\n");
                    return 1;
                }
                ctx.out().print(String.format(Locale.ROOT, "%-33s %4d %6d %4d\n", ts.name(domid).orElse("(null)"),
                        domid, p.weight(), p.cap()));
            } else {
                try {
                    ts.setSchedParams(domid, credit2, weight, cap);
                } catch (LibxlError e) {
                    LibxlErrors.print(ctx, e);
                    ctx.err().print("libxl_domain_sched_params_set failed.\n");
                    return 1;
                }
            }
        }
        return 0;
    }
}
