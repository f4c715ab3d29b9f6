package io.xlj.cli;

import io.xlj.libxl.LibxlError;
import io.xlj.libxl.Toolstack;

/** {@code xl rename <Domain> <NewDomainName>} (xl_misc.c main_rename). */
final class RenameCommand implements XlCommand {

    @Override
    public int run(XlContext ctx, String[] args) {
        CommandOptions o = ctx.options(args, "", null, "rename", 2);
        while (o.next() != -1) {
            // no options
        }
        String[] rest = o.remaining();
        String dom = rest[0];
        String newName = rest[1];
        try (Toolstack ts = XenHost.open(ctx)) {
            int domid = XenHost.findDomain(ctx, ts, dom);
            // find_domain remembers the name (common_domname); libxl checks it is still current
            String oldName = ts.name(domid).orElse(null);
            try {
                ts.rename(domid, oldName, newName);
            } catch (LibxlError e) {
                LibxlErrors.print(ctx, e);
                ctx.err().print("Can't rename domain '" + dom + "'.\n");
                return 1;
            }
        }
        return 0;
    }
}
