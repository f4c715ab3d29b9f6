package io.xlj.config.spec;

import io.xlj.config.ConfigValue;
import io.xlj.config.model.VnodeInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * {@code vnuma=[ [..], [..] ]} as xl 4.17's parse_vnuma_config reads it: one list of
 * {@code key=value} strings per virtual node ({@code pnode}, {@code size} in MiB,
 * {@code vcpus} ranges, {@code vdistances}), then the cross-checks against
 * {@code maxvcpus=}/{@code maxmem=} and the host.
 */
public final class VnumaSpecParser {

    /** LIBXL_MEMKB_DEFAULT. */
    public static final long MEMKB_DEFAULT = -1L;

    /** What xl stores into b_info. */
    public record Result(List<VnodeInfo> nodes, long maxVcpus, long maxMemkb, boolean pnodeGiven) {
    }

    /**
     * What parse_vnuma_config needs from b_info and the host.
     *
     * @param maxVcpus     b_info->max_vcpus so far (0 when maxvcpus= was not given)
     * @param maxMemkb     b_info->max_memkb so far ({@link #MEMKB_DEFAULT} when unset)
     * @param hostNodes    physinfo.nr_nodes
     * @param hostCpus     libxl_get_max_cpus (sizes the vcpu maps when maxVcpus is 0)
     * @param onlineCpus   libxl_get_online_cpus
     */
    public record Context(long maxVcpus, long maxMemkb, long hostNodes, int hostCpus, int onlineCpus) {
    }

    private VnumaSpecParser() {
    }

    /**
     * @param source     the config file name (for libxlutil's "not a list" warning)
     * @param vnodes     the items of the vnuma list, in order (non-empty)
     * @throws SpecException where xl exits, after its message
     */
    public static Result parse(String source, List<ConfigValue> vnodes, Context ctx, Diagnostics diag) {
        int n = vnodes.size();
        long bits = ctx.maxVcpus() != 0 ? ctx.maxVcpus() : ctx.hostCpus();
        long mapBits = ((bits + 7) / 8) * 8;
        long maxVcpus = 0;
        long maxMemkb = 0;
        boolean pnodeGiven = false;
        List<VnodeInfo> nodes = new ArrayList<>();
        for (ConfigValue spec : vnodes) {
            if (!(spec instanceof ConfigValue.ListValue list)) {
                diag.print(source + ":" + spec.line() + ":" + spec.column() + ": warning: value is not a list\n");
                throw exit(diag, "xl: cannot get vnode config option list");
            }
            long memkb = MEMKB_DEFAULT;
            long pnode = 0;
            long[] distances = new long[n];
            BitSet vcpus = new BitSet();
            for (ConfigValue opt : list.items()) {
                if (!(opt instanceof ConfigValue.StringValue sv)) {
                    continue;
                }
                String buf = sv.text();
                String[] pair = CStrings.splitPair(buf, "=");
                if (pair == null) {
                    throw exit(diag, "xl: failed to split \"" + buf + "\" into pair");
                }
                String option = CStrings.trimSpace(pair[0]);
                String value = CStrings.trimSpace(pair[1]);
                switch (option) {
                    case "pnode" -> {
                        long val = NicSpecParser.parseUlong(value, diag);
                        if (Long.compareUnsigned(val, ctx.hostNodes()) >= 0) {
                            throw exit(diag, "xl: invalid pnode number: " + Long.toUnsignedString(val));
                        }
                        pnode = val;
                        pnodeGiven = true;
                    }
                    case "size" -> {
                        long val = NicSpecParser.parseUlong(value, diag);
                        memkb = val << 10;
                        maxMemkb += memkb;
                    }
                    case "vcpus" -> {
                        for (String item : CStrings.strtok(value, ",")) {
                            long[] se = rangeAsXlLeavesIt(item);
                            // xl loops over every value; only bits inside the map stick
                            for (long s = se[0]; Long.compareUnsigned(s, se[1]) <= 0; s++) {
                                if (s >= 0 && s < mapBits) {
                                    vcpus.set((int) s);
                                }
                                maxVcpus++;
                                if (s == -1L) {
                                    break;
                                }
                            }
                        }
                    }
                    case "vdistances" -> {
                        List<String> vdist = CStrings.strtok(value, ",");
                        for (int j = 0; j < vdist.size(); j++) {
                            long val = NicSpecParser.parseUlong(vdist.get(j), diag);
                            if (j < n) {
                                distances[j] = val & 0xFFFF_FFFFL;
                            }
                        }
                    }
                    default -> { }
                }
            }
            List<Long> d = new ArrayList<>();
            for (long x : distances) {
                d.add(x);
            }
            nodes.add(new VnodeInfo(memkb, d, pnode, vcpus));
        }
        if (ctx.maxVcpus() != 0) {
            if (ctx.maxVcpus() != maxVcpus) {
                throw exit(diag, "xl: vnuma vcpus and maxvcpus= mismatch");
            }
        } else {
            if (ctx.onlineCpus() < maxVcpus) {
                throw exit(diag, "xl: vnuma specifies more vcpus than pcpus, use maxvcpus= to override this check.");
            }
        }
        if (ctx.maxMemkb() != MEMKB_DEFAULT && ctx.maxMemkb() != maxMemkb) {
            throw exit(diag, "xl: maxmem and vnuma memory size mismatch");
        }
        return new Result(nodes, maxVcpus, maxMemkb, pnodeGiven);
    }

    /** parse_range's outputs even when it fails (xl ignores its result here). */
    private static long[] rangeAsXlLeavesIt(String str) {
        CNumbers.Result ra = CNumbers.strtoul(str, 0, 10);
        long a = ra.value();
        long b = a;
        if (ra.end() == 0 || a == -1L) {
            return new long[] {a, b};
        }
        int end = ra.end();
        if (end < str.length() && str.charAt(end) == '-') {
            CNumbers.Result rb = CNumbers.strtoul(str, end + 1, 10);
            b = rb.value();
        }
        return new long[] {a, b};
    }

    private static SpecException exit(Diagnostics diag, String msg) {
        diag.print(msg + "\n");
        return new SpecException(msg);
    }
}
