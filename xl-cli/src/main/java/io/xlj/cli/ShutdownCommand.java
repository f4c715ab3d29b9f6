package io.xlj.cli;

import io.xlj.libxl.LibxlError;
import io.xlj.libxl.Toolstack;
import io.xlj.xen.DomainInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code xl shutdown|reboot [-a] [-w[w]] [-F] <-a|Domain>} (xl_vmcontrol.c
 * main_shutdown_or_reboot): asks each guest through its PV control node and, with
 * {@code -w}, waits until it has shut down or died ({@code -ww}: died).
 */
final class ShutdownCommand implements XlCommand {

    private static final Getopt.LongOpt[] LONGOPTS = {
        new Getopt.LongOpt("all", Getopt.LongOpt.NO_ARGUMENT, 'a'),
        new Getopt.LongOpt("wait", Getopt.LongOpt.NO_ARGUMENT, 'w'),
        CommandOptions.HELP,
    };

    private final boolean reboot;

    ShutdownCommand(boolean reboot) {
        this.reboot = reboot;
    }

    @Override
    public int run(XlContext ctx, String[] args) {
        String what = reboot ? "reboot" : "shutdown";
        boolean all = false;
        boolean fallback = false;
        int waitForIt = 0;
        CommandOptions o = ctx.options(args, "awF", LONGOPTS, what, 0);
        for (int opt; (opt = o.next()) != -1; ) {
            switch (opt) {
                case 'a' -> all = true;
                case 'w' -> waitForIt++;
                case 'F' -> fallback = true;
                default -> { }
            }
        }
        String[] rest = o.remaining();
        if (rest.length == 0 && !all) {
            ctx.err().print("You must specify -a or a domain id.\n\n");
            return 1;
        }
        try (Toolstack ts = XenHost.open(ctx)) {
            List<Integer> targets = new ArrayList<>();
            if (all) {
                for (DomainInfo i : ts.xenCtrl().listDomains()) {
                    if (i.domid() == 0 || i.xenstoreDomain()) {
                        continue; // dom0 and never_stop domains
                    }
                    targets.add(i.domid());
                }
            } else {
                targets.add(XenHost.findDomain(ctx, ts, rest[0]));
            }
            for (int domid : targets) {
                request(ctx, ts, domid, fallback);
            }
            if (waitForIt > 0) {
                ctx.err().print("Waiting for " + targets.size() + " domains\n");
                try {
                    ts.awaitDeaths(targets, waitForIt == 1, line -> ctx.err().print(line + "\n"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ctx.err().print("Failed to get event, quitting (rc=-3)\n");
                    return 1;
                }
            }
        }
        return 0;
    }

    /** shutdown_domain / reboot_domain: exits 1 on failure, as xl does. */
    private void request(XlContext ctx, Toolstack ts, int domid, boolean fallback) {
        String what = reboot ? "reboot" : "shutdown";
        ctx.err().print((reboot ? "Rebooting domain " : "Shutting down domain ") + Integer.toUnsignedString(domid) + "\n");
        int rc = 0;
        try {
            if (reboot) {
                ts.reboot(domid);
            } else {
                ts.shutdown(domid);
            }
        } catch (LibxlError e) {
            LibxlErrors.print(ctx, e);
            rc = e.rc();
        }
        if (rc == LibxlError.ERROR_NOPARAVIRT) {
            if (fallback) {
                ctx.err().print("PV control interface not available: sending ACPI "
                        + (reboot ? "reset button" : "power button") + " event.\n");
                try {
                    ts.sendTrigger(domid, reboot ? "reset" : "power");
                    rc = 0;
                } catch (LibxlError e) {
                    LibxlErrors.print(ctx, e);
                    rc = e.rc();
                }
            } else {
                ctx.err().print("PV control interface not available: external graceful "
                        + (reboot ? "reboot" : "shutdown") + " not possible.\n");
                ctx.err().print("Use \"-F\" to fallback to ACPI " + (reboot ? "reset" : "power") + " event.\n");
            }
        }
        if (rc != 0) {
            ctx.err().print(what + " failed (rc=" + rc + ")\n");
            throw new XlExit(1);
        }
    }
}
