package io.xlj.cli;

import io.xlj.libxl.Toolstack;
import java.util.OptionalInt;

/** {@code xl domid <DomainName>} (xl_misc.c main_domid). */
final class DomidCommand implements XlCommand {

    @Override
    public int run(XlContext ctx, String[] args) {
        CommandOptions o = ctx.options(args, "", null, "domid", 1);
        while (o.next() != -1) {
            // no options
        }
        String name = o.remaining()[0];
        try (Toolstack ts = XenHost.open(ctx)) {
            OptionalInt id = ts.domidOf(name);
            if (id.isEmpty()) {
                ctx.err().print("Can't get domid of domain name '" + name + "', maybe this domain does not exist.\n");
                return 1;
            }
            ctx.out().print(id.getAsInt() + "\n");
        }
        return 0;
    }
}
