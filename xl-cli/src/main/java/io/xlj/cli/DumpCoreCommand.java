package io.xlj.cli;

import io.xlj.libxl.LibxlError;
import io.xlj.libxl.Toolstack;

/**
 * {@code xl dump-core <Domain> <filename>} (xl_misc.c main_dump_core): the domain's memory
 * and vCPU state as an ELF core file, the file named relative to the caller's directory; on
 * failure libxl's line, "core dump failed (rc=-3)" and exit 1.
 */
final class DumpCoreCommand implements XlCommand {

    @Override
    public int run(XlContext ctx, String[] args) {
        CommandOptions o = ctx.options(args, "", null, "dump-core", 2);
        while (o.next() != -1) {
            // no options
        }
        try (Toolstack ts = XenHost.open(ctx)) {
            int domid = XenHost.findDomain(ctx, ts, o.remaining()[0]);
            try {
                ts.coreDump(domid, ctx.path(o.remaining()[1]));
            } catch (LibxlError e) {
                LibxlErrors.print(ctx, e);
                ctx.err().print("core dump failed (rc=" + e.rc() + ")\n");
                return 1;
            }
        }
        return 0;
    }
}
