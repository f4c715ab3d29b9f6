package io.xlj.cli;

import io.xlj.libxl.Toolstack;
import io.xlj.xen.DomainInfo;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code xl console [-t pv|serial|vuart] [-n N] <Domain>} (xl_console.c main_console): runs
 * Xen's {@code xenconsole} on this terminal, as libxl_console_exec does (a JVM cannot exec,
 * so xl's exit status is xenconsole's; under xljd the thin client execs it, as xl does).
 */
final class ConsoleCommand implements XlCommand {

    /** libxl__private_bindir_path() of Debian's Xen 4.17. */
    static final String XENCONSOLE = "/usr/lib/xen-4.17/bin/xenconsole";

    @Override
    public int run(XlContext ctx, String[] args) {
        String type = null;
        int num = 0;
        CommandOptions o = ctx.options(args, "n:t:", null, "console", 1);
        for (int opt; (opt = o.next()) != -1; ) {
            switch (opt) {
                case 't' -> {
                    String t = o.optarg();
                    if (!t.equals("pv") && !t.equals("serial") && !t.equals("vuart")) {
                        ctx.err().print("console type supported are: pv, serial, vuart\n");
                        return 1;
                    }
                    type = t;
                }
                case 'n' -> num = (int) io.xlj.config.spec.CNumbers.atol(o.optarg());
                default -> { }
            }
        }
        int domid;
        try (Toolstack ts = XenHost.open(ctx)) {
            domid = XenHost.findDomain(ctx, ts, o.remaining()[0]);
        }
        return attach(ctx, domid, type, num);
    }

    /**
     * libxl_console_exec for {@code domid}: {@code type} null means the primary console
     * (libxl_primary_console_exec, as {@code xl create -c} uses it).
     */
    static int attach(XlContext ctx, int domid, String type, int num) {
        try (Toolstack ts = XenHost.open(ctx)) {
            if (type == null) {
                // libxl__primary_console_find: PV guests' console 0, HVM guests' emulated serial
                Optional<DomainInfo> info = ts.infoIfExists(domid);
                if (info.isEmpty()) {
                    ctx.err().print("libxl: error: libxl_dom.c:37:libxl__domain_type: unable to get domain type for domid="
                            + Integer.toUnsignedString(domid) + "\n");
                    ctx.err().print("Unable to attach console\n");
                    return 1;
                }
                // libxl__domain_type: an HVM container is PVH when /libxl/N/type says so
                boolean pvh = info.get().hvm() && ts.xenstore().readOptional("/libxl/" + domid + "/type")
                        .map("pvh"::equals).orElse(false);
                type = info.get().hvm() && !pvh ? "serial" : "pv";
                num = 0;
            }
        }
        ctx.out().flush();
        try {
            return ctx.caller().terminal().run(List.of(XENCONSOLE, Integer.toString(domid), "--num",
                    Integer.toString(num), "--type", type));
        } catch (IOException e) {
            ctx.err().print("Unable to attach console\n");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
