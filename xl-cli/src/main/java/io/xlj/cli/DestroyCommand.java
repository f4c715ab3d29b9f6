package io.xlj.cli;

import io.xlj.libxl.DomainNotFoundException;
import io.xlj.libxl.Toolstack;
import io.xlj.libxl.ToolstackException;

/** {@code xl destroy [-f] <Domain>} (xl_vmcontrol.c main_destroy / destroy_domain). */
final class DestroyCommand implements XlCommand {

    /** libxl's ERROR_FAIL and ERROR_DOMAIN_NOTFOUND. */
    private static final int ERROR_FAIL = -3;
    private static final int ERROR_DOMAIN_NOTFOUND = -21;

    @Override
    public int run(XlContext ctx, String[] args) {
        boolean force = false;
        CommandOptions o = ctx.options(args, "f", null, "destroy", 1);
        for (int opt; (opt = o.next()) != -1; ) {
            if (opt == 'f') {
                force = true;
            }
        }
        String qualifier = o.remaining()[0];
        try (Toolstack ts = XenHost.open(ctx)) {
            int domid = XenHost.findDomain(ctx, ts, qualifier);
            if (domid == 0 && !force) {
                ctx.err().print("Not destroying domain 0; use -f to force.\n"
                        + "This can only be done when using a disaggregated hardware domain and toolstack.\n\n");
                return 1;
            }
            try {
                ts.destroy(domid);
            } catch (DomainNotFoundException e) {
                LibxlErrorLines.destroyOfGoneDomain(domid).forEach(l -> ctx.err().print(l + "\n"));
                ctx.err().print("destroy failed (rc=" + ERROR_DOMAIN_NOTFOUND + ")\n");
                return 1;
            } catch (ToolstackException | io.xlj.xen.XenException e) {
                ctx.err().print("xlj: destroying domain " + domid + ": " + e.getMessage() + "\n");
                ctx.err().print("destroy failed (rc=" + ERROR_FAIL + ")\n");
                return 1;
            }
        }
        return 0;
    }
}
