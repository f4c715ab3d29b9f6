package io.xlj.cli;

import io.xlj.libxl.Toolstack;
import io.xlj.xen.XenException;

/** {@code xl dmesg [-c]} (xl_info.c main_dmesg): the hypervisor's console ring. */
final class DmesgCommand implements XlCommand {

    private static final Getopt.LongOpt[] LONGOPTS = {
        new Getopt.LongOpt("clear", Getopt.LongOpt.NO_ARGUMENT, 'c'),
        CommandOptions.HELP,
    };

    @Override
    public int run(XlContext ctx, String[] args) {
        boolean clear = false;
        CommandOptions o = ctx.options(args, "c", LONGOPTS, "dmesg", 0);
        for (int opt; (opt = o.next()) != -1; ) {
            if (opt == 'c') {
                clear = true;
            }
        }
        try (Toolstack ts = XenHost.open(ctx)) {
            String ring;
            try {
                ring = ts.xenCtrl().readConsoleRing(clear);
            } catch (XenException e) {
                ctx.err().print("xlj: reading the hypervisor console ring: " + e.getMessage() + "\n");
                return 1;
            }
            ctx.out().print(ring);
        }
        return 0;
    }
}
