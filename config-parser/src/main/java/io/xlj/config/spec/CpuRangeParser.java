package io.xlj.config.spec;

import io.xlj.config.model.Bitmap;

/**
 * CPU lists as xl 4.17 reads them (xl_parse.c parse_cpurange / update_cpumap_range):
 * comma-separated items, each optionally prefixed by {@code ^} (remove) and then
 * {@code node:}/{@code nodes:} (whole NUMA nodes), being {@code all}, {@code N} or
 * {@code N-M}. Used by {@code cpus=}, {@code cpus_soft=}, vnuma {@code vcpus} and
 * {@code xl vcpu-pin}.
 */
public final class CpuRangeParser {

    private static final long TWO_32 = 1L << 32;

    private CpuRangeParser() {
    }

    /** A new cpu bitmap as libxl_cpu_bitmap_alloc(ctx, map, 0) sizes it. */
    public static Bitmap.Builder newCpuMap(HostTopology host) {
        return Bitmap.Builder.alloc(host.maxCpus());
    }

    /**
     * parse_cpurange: applies {@code spec} to {@code cpumap}.
     *
     * @return true on success; false after printing xl's message (xl then fails)
     */
    public static boolean parse(String spec, Bitmap.Builder cpumap, HostTopology host,
                                Diagnostics diag) {
        for (String item : spec.split(",")) {
            if (item.isEmpty()) {
                continue;
            }
            if (!updateRange(item, cpumap, host, diag)) {
                return false;
            }
        }
        return true;
    }

    /** Convenience: a fresh cpu map with {@code spec} applied, or null after a message. */
    public static Bitmap parse(String spec, HostTopology host, Diagnostics diag) {
        Bitmap.Builder map = newCpuMap(host);
        return parse(spec, map, host, diag) ? map.build() : null;
    }

    private static boolean updateRange(String str, Bitmap.Builder cpumap, HostTopology host,
                                       Diagnostics diag) {
        boolean isNot = false;
        boolean isNodes = false;
        if (str.startsWith("^")) {
            isNot = true;
            str = str.substring(1);
        }
        if (str.startsWith("node:")) {
            isNodes = true;
            str = str.substring(5);
        } else if (str.startsWith("nodes:")) {
            isNodes = true;
            str = str.substring(6);
        }
        if (str.equals("all")) {
            if (isNot) {
                diag.print("Can't combine \"^\" and \"all\".\n");
                return false;
            }
            cpumap.setAny();
            return true;
        }
        long[] range = parseRange(str);
        if (range == null) {
            diag.print("Invalid pcpu range: " + str + ".\n");
            return false;
        }
        long a = range[0];
        long b = range[1];
        if (isNodes) {
            // libxl_node_to_cpumap((int) node): the cpus of every node in the range, as far
            // as the node-sized scratch bitmap xl uses can hold them
            Bitmap.Builder nodeCpus = Bitmap.Builder.alloc(host.maxNodes());
            Bitmap.Builder nodemapBits = Bitmap.Builder.alloc(host.maxNodes());
            int nodeBits = nodemapBits.size() * 8;
            int[] cpuNodes = host.cpuNodes();
            for (int node = 0; node < nodeBits; node++) {
                if (!hits(a, b, node)) {
                    continue;
                }
                nodemapBits.setNone().set(node);
                nodeCpus.setNone();
                for (int cpu = 0; cpu < cpuNodes.length; cpu++) {
                    if (cpuNodes[cpu] >= 0 && nodemapBits.test(cpuNodes[cpu])) {
                        nodeCpus.set(cpu);
                    }
                }
                for (int cpu = 0; cpu < nodeCpus.size() * 8; cpu++) {
                    if (nodeCpus.test(cpu)) {
                        if (isNot) {
                            cpumap.reset(cpu);
                        } else {
                            cpumap.set(cpu);
                        }
                    }
                }
            }
        } else {
            for (int cpu = 0; cpu < cpumap.size() * 8; cpu++) {
                if (hits(a, b, cpu)) {
                    if (isNot) {
                        cpumap.reset(cpu);
                    } else {
                        cpumap.set(cpu);
                    }
                }
            }
        }
        return true;
    }

    /**
     * Whether xl's loop over the unsigned long range [a, b] passes a value whose C int
     * conversion (the low 32 bits) is {@code bit}: xl casts each value to int.
     */
    private static boolean hits(long a, long b, int bit) {
        long first = a + Math.floorMod((long) bit - (a & (TWO_32 - 1)), TWO_32);
        return Long.compareUnsigned(first, a) >= 0 && Long.compareUnsigned(first, b) <= 0;
    }

    /** xl_parse.c parse_range: "N" or "N-M" (strtoul base 10), nothing after. */
    static long[] parseRange(String str) {
        CNumbers.Result ra = CNumbers.strtoul(str, 0, 10);
        if (ra.end() == 0 || ra.value() == -1L) {
            return null;
        }
        long a = ra.value();
        long b = a;
        int end = ra.end();
        if (end < str.length() && str.charAt(end) == '-') {
            CNumbers.Result rb = CNumbers.strtoul(str, end + 1, 10);
            if (rb.end() == end + 1 || rb.value() == -1L || Long.compareUnsigned(rb.value(), a) < 0) {
                return null;
            }
            b = rb.value();
            end = rb.end();
        }
        if (end != str.length()) {
            return null;
        }
        return new long[] {a, b};
    }

    /** xl_utils.c print_bitmap over the first {@code maplen} bits: "all", "none" or ranges. */
    public static String format(Bitmap map, int maplen) {
        StringBuilder out = new StringBuilder();
        int state = 0;
        int firstset = 0;
        int i;
        for (i = 0; i < maplen; i++) {
            boolean set = map.test(i);
            switch (state) {
                case 0, 2 -> {
                    if (set) {
                        firstset = i;
                        state++;
                    }
                }
                default -> {
                    if (!set) {
                        out.append(state > 1 ? "," : "").append(firstset);
                        if (i - 1 > firstset) {
                            out.append('-').append(i - 1);
                        }
                        state = 2;
                    }
                }
            }
        }
        switch (state) {
            case 0 -> out.append("none");
            case 1 -> {
                if (firstset == 0) {
                    out.append("all");
                } else {
                    appendLast(out, state, firstset, i);
                }
            }
            case 3 -> appendLast(out, state, firstset, i);
            default -> { }
        }
        return out.toString();
    }

    private static void appendLast(StringBuilder out, int state, int firstset, int i) {
        out.append(state > 1 ? "," : "").append(firstset);
        if (i - 1 > firstset) {
            out.append('-').append(i - 1);
        }
    }
}
