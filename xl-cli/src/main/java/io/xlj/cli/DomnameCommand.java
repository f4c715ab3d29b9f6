package io.xlj.cli;

import io.xlj.libxl.Toolstack;
import java.util.Optional;

/** {@code xl domname <DomainId>} (xl_misc.c main_domname). */
final class DomnameCommand implements XlCommand {

    @Override
    public int run(XlContext ctx, String[] args) {
        CommandOptions o = ctx.options(args, "", null, "domname", 1);
        while (o.next() != -1) {
            // no options
        }
        String arg = o.remaining()[0];
        Long id = strtolPrefix(arg);
        if (id == null) {
            ctx.err().print("Invalid domain id.\n\n");
            return 1;
        }
        try (Toolstack ts = XenHost.open(ctx)) {
            int domid = (int) (long) id;
            Optional<String> name = ts.name(domid);
            if (name.isEmpty()) {
                ctx.err().print("Can't get domain name of domain id '" + Integer.toUnsignedString(domid) + "', maybe this domain does not exist.\n");
                return 1;
            }
            ctx.out().print(name.get() + "\n");
        }
        return 0;
    }

    /** strtol(s, &end, 10) as main_domname uses it: the leading number, or null when there are no digits. */
    static Long strtolPrefix(String s) {
        int i = 0;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int start = i;
        long v = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            v = Math.min(v * 10 + (s.charAt(i) - '0'), Long.MAX_VALUE / 20);
            i++;
        }
        if (i == start) {
            return null;
        }
        return negative ? -v : v;
    }
}
