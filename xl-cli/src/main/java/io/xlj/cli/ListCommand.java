package io.xlj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.xlj.libxl.DomainNotFoundException;
import io.xlj.libxl.LibxlError;
import io.xlj.libxl.LibxlJsonText;
import io.xlj.libxl.DomainSummary;
import io.xlj.libxl.Toolstack;
import io.xlj.xen.DomainInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * {@code xl list [-v] [Domain]} (xl_info.c main_list / list_domains): the domains the
 * hypervisor reports, named from xenstore, byte for byte as xl 4.17 prints them.
 */
final class ListCommand implements XlCommand {

    private static final String HEADER = "Name                                        ID   Mem VCPUs\tState\tTime(s)";
    private static final String REASON_LETTERS = "-rscwS";

    private static final Getopt.LongOpt[] LONGOPTS = {
        new Getopt.LongOpt("long", Getopt.LongOpt.NO_ARGUMENT, 'l'),
        new Getopt.LongOpt("verbose", Getopt.LongOpt.NO_ARGUMENT, 'v'),
        new Getopt.LongOpt("context", Getopt.LongOpt.NO_ARGUMENT, 'Z'),
        new Getopt.LongOpt("cpupool", Getopt.LongOpt.NO_ARGUMENT, 'c'),
        new Getopt.LongOpt("numa", Getopt.LongOpt.NO_ARGUMENT, 'n'),
        CommandOptions.HELP,
    };

    @Override
    public int run(XlContext ctx, String[] args) {
        boolean verbose = false;
        boolean context = false;
        boolean details = false;
        CommandOptions o = ctx.options(args, "lvhZcn", LONGOPTS, "list", 0);
        for (int opt; (opt = o.next()) != -1; ) {
            switch (opt) {
                case 'v' -> verbose = true;
                case 'Z' -> context = true;
                case 'l' -> details = true;
                case 'c', 'n' -> {
                    ctx.err().print("xlj: `xl list -" + (char) opt + "' is not implemented yet\n");
                    return 1;
                }
                default -> { }
            }
        }
        String[] rest = o.remaining();
        if (rest.length > 1) {
            ctx.help("list");
            return 1;
        }
        try (Toolstack ts = XenHost.open(ctx)) {
            List<DomainSummary> domains;
            if (rest.length == 0) {
                domains = ts.list();
            } else {
                int domid = XenHost.findDomain(ctx, ts, rest[0]);
                try {
                    DomainInfo info = ts.info(domid);
                    domains = List.of(new DomainSummary(info, ts.name(domid).orElse(null)));
                } catch (DomainNotFoundException e) {
                    ctx.err().print("Error: Domain '" + rest[0] + "' does not exist.\n");
                    return 1;
                }
            }
            if (details) {
                printDetails(ctx, ts, domains);
            } else {
                print(ctx, domains, verbose, context);
            }
        }
        return 0;
    }

    /** list_domains_details: each domain's retrieved libxl config as JSON; domains without one are skipped. */
    static void printDetails(XlContext ctx, Toolstack ts, List<DomainSummary> domains) {
        List<Map.Entry<Integer, JsonNode>> configs = new ArrayList<>();
        for (DomainSummary d : domains) {
            try {
                configs.add(Map.entry(d.info().domid(), ts.retrieveConfig(d.info().domid())));
            } catch (LibxlError e) {
                LibxlErrors.print(ctx, e);
            }
        }
        ctx.out().print(LibxlJsonText.domainList(configs) + "\n");
    }

    static void print(XlContext ctx, List<DomainSummary> domains, boolean verbose, boolean context) {
        StringBuilder s = new StringBuilder(HEADER);
        if (verbose) {
            s.append("   UUID                            Reason-Code\tSecurity Label");
        }
        if (context && !verbose) {
            s.append("   Security Label");
        }
        s.append('\n');
        for (DomainSummary d : domains) {
            s.append(row(d, verbose, context)).append('\n');
        }
        ctx.out().print(s);
    }

    /** One line of list_domains (without the newline). */
    static String row(DomainSummary d, boolean verbose, boolean context) {
        DomainInfo i = d.info();
        int reason = i.shutdown() ? i.shutdownReason() : 0;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-40s %5d %5d %5d     %s  %8s",
                d.name() == null ? "(null)" : d.name(), i.domid(), memoryMb(i), i.onlineVcpus(), state(i),
                seconds(i)));
        if (verbose) {
            s.append(' ').append(i.uuid());
            s.append(i.shutdown() ? String.format(Locale.ROOT, " %8x", reason) : String.format(" %8s", "-"));
        }
        if (verbose || context) {
            // No FLASK policy: libxl has no security label, xl prints "-".
            s.append(String.format(" %16s", "-"));
        }
        return s.toString();
    }

    /** xl list's Mem column: current plus outstanding memory, in MiB. */
    static long memoryMb(DomainInfo i) {
        return (i.currentMemoryKb() + i.outstandingPages() * 4) / 1024;
    }

    /** xl list's State column: r b p s, the shutdown reason's letter, d. */
    static String state(DomainInfo i) {
        int reason = i.shutdown() ? i.shutdownReason() : 0;
        char[] c = {i.running() ? 'r' : '-', i.blocked() ? 'b' : '-', i.paused() ? 'p' : '-', i.shutdown() ? 's' : '-',
            reason >= 0 && reason < REASON_LETTERS.length() ? REASON_LETTERS.charAt(reason) : '?',
            i.dying() ? 'd' : '-'};
        return new String(c);
    }

    /**
     * {@link #seconds} as a number, without its BigDecimal (~1 us a domain on the build host,
     * for xljd's list): the product by ten rounded to an integer is the same as the exact
     * rounding unless the product lies within a few ulps of a half (its own rounding error is
     * half an ulp), where the exact way decides.
     */
    static double secondsValue(DomainInfo i) {
        double tenths = (double) (float) i.cpuTimeNs() / 1e9 * 10;
        if (Math.abs(tenths - Math.floor(tenths) - 0.5) <= 4 * Math.ulp(tenths)) {
            return Double.parseDouble(seconds(i));
        }
        return Math.rint(tenths) / 10;
    }

    /** printf("%8.1f", (float) cpu_time / 1e9): the float rounding first, then glibc's exact rounding. */
    static String seconds(DomainInfo i) {
        double secs = (double) (float) i.cpuTimeNs() / 1e9;
        return new BigDecimal(secs).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }
}
