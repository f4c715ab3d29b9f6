package io.xlj.cli;

import io.xlj.libxl.LibxlError;
import io.xlj.libxl.Toolstack;

/**
 * {@code xl pause <Domain>} and {@code xl unpause <Domain>} (xl_vmcontrol.c main_pause /
 * main_unpause). xl ignores libxl's result: a failure is logged and the exit status is 0.
 */
final class PauseCommand implements XlCommand {

    private final boolean unpause;

    PauseCommand(boolean unpause) {
        this.unpause = unpause;
    }

    @Override
    public int run(XlContext ctx, String[] args) {
        CommandOptions o = ctx.options(args, "", null, unpause ? "unpause" : "pause", 1);
        while (o.next() != -1) {
            // no options
        }
        try (Toolstack ts = XenHost.open(ctx)) {
            int domid = XenHost.findDomain(ctx, ts, o.remaining()[0]);
            try {
                if (unpause) {
                    ts.unpause(domid);
                } else {
                    ts.pause(domid);
                }
            } catch (LibxlError e) {
                LibxlErrors.print(ctx, e);
            }
        }
        return 0;
    }
}
