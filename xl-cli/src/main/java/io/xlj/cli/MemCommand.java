package io.xlj.cli;

import io.xlj.libxl.LibxlError;
import io.xlj.libxl.Toolstack;

/**
 * {@code xl mem-max <Domain> <MemKB>} and {@code xl mem-set <Domain> <MemKB>} (xl_mem.c
 * main_memmax / main_memset): sizes in KiB, or with a b/k/m/g/t suffix (default MiB).
 */
final class MemCommand implements XlCommand {

    private final boolean max;

    MemCommand(boolean max) {
        this.max = max;
    }

    @Override
    public int run(XlContext ctx, String[] args) {
        CommandOptions o = ctx.options(args, "", null, max ? "mem-max" : "mem-set", 2);
        while (o.next() != -1) {
            // no options
        }
        String[] rest = o.remaining();
        try (Toolstack ts = XenHost.open(ctx)) {
            int domid = XenHost.findDomain(ctx, ts, rest[0]);
            String mem = rest[1];
            long kb = parseMemSizeKb(mem);
            if (kb == -1) {
                ctx.err().print("invalid memory size: " + mem + "\n");
                return 1;
            }
            try {
                if (max) {
                    ts.setMaxMem(domid, kb);
                } else {
                    ts.setMemoryTarget(domid, kb);
                }
            } catch (LibxlError e) {
                LibxlErrors.print(ctx, e);
                ctx.err().print("cannot set domid " + Integer.toUnsignedString(domid) + (max ? " static" : " dynamic")
                        + " max memory to : " + mem + "\n");
                return 1;
            }
        }
        return 0;
    }

    /** xl_parse.c parse_mem_size_kb: strtoll, then at most one unit letter; -1 if invalid. */
    static long parseMemSizeKb(String mem) {
        io.xlj.config.spec.CNumbers.Result r = io.xlj.config.spec.CNumbers.strtol(mem, 10);
        long kb = r.value();
        String suffix = mem.substring(r.end());
        if (suffix.length() > 1) {
            return -1;
        }
        char unit = suffix.isEmpty() ? '\0' : Character.toLowerCase(suffix.charAt(0));
        switch (unit) {
            case 't':
                kb <<= 30;
                break;
            case 'g':
                kb <<= 20;
                break;
            case '\0':
            case 'm':
                kb <<= 10;
                break;
            case 'k':
                break;
            case 'b':
                kb >>= 10;
                break;
            default:
                return -1;
        }
        return kb;
    }
}
