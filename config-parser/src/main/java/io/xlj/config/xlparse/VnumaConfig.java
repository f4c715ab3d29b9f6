package io.xlj.config.xlparse;

import io.xlj.config.CNumbers;
import io.xlj.config.ConfigValue;
import io.xlj.config.Lookup;
import io.xlj.config.XlConfig;
import io.xlj.config.model.Defbool;
import io.xlj.config.model.DomainBuildInfo;
import io.xlj.config.model.VnodeInfo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * xl_parse.c's parse_vnuma_config: {@code vnuma=[ [ "pnode=N", "size=MB", "vcpus=LIST",
 * "vdistances=LIST" ], … ]} into b_info's vnuma nodes, with its checks against
 * maxvcpus=, maxmem= and the host.
 */
final class VnumaConfig {

    private VnumaConfig() {
    }

    static void parse(XlConfig config, DomainBuildInfo.Builder b, HostInfo host, PrintStream err) {
        Lookup<ConfigValue.ListValue> l = config.getList("vnuma", true);
        if (!l.ok() || l.value().size() == 0) {
            return;
        }
        ConfigValue.ListValue vnuma = l.value();
        int num = vnuma.size();
        // vcpu bitmaps are sized for maxvcpus= (or the host's CPUs when unset)
        int bitmapBits = ((b.maxVcpus == 0 ? host.maxCpus() : b.maxVcpus) + 7) / 8 * 8;
        long[] memkb = new long[num];
        long[] pnode = new long[num];
        long[][] distances = new long[num][num];
        BitSet[] vcpus = new BitSet[num];
        long maxVcpus = 0;
        long maxMemkb = 0;
        for (int i = 0; i < num; i++) {
            memkb[i] = -1L;
            vcpus[i] = new BitSet();
        }
        for (int i = 0; i < num; i++) {
            Lookup<ConfigValue.ListValue> spec = config.valueGetList(vnuma.item(i), false);
            if (!spec.ok()) {
                err.print("xl: cannot get vnode config option list\n");
                throw new XlExit(1);
            }
            ConfigValue.ListValue options = spec.value();
            for (int k = 0; k < options.size(); k++) {
                String buf = options.itemString(k);
                if (buf == null) {
                    continue;
                }
                List<String> pair = DeviceSpecs.strtok(buf, "=");
                if (pair.size() < 2) {
                    err.print("xl: failed to split \"" + buf + "\" into pair\n");
                    throw new XlExit(1);
                }
                String option = cTrim(pair.get(0));
                String value = cTrim(pair.get(1));
                switch (option) {
                    case "pnode" -> {
                        long val = parseUlong(value, err);
                        if (Long.compareUnsigned(val, host.topology().maxNodes()) >= 0) {
                            err.print("xl: invalid pnode number: " + Long.toUnsignedString(val) + "\n");
                            throw new XlExit(1);
                        }
                        pnode[i] = val;
                        b.numaPlacement = Defbool.FALSE;
                    }
                    case "size" -> {
                        long val = parseUlong(value, err);
                        memkb[i] = val << 10;
                        maxMemkb += memkb[i];
                    }
                    case "vcpus" -> {
                        for (String range : DeviceSpecs.strtok(value, ",")) {
                            long[] se = parseRange(range);
                            for (long s = se[0]; Long.compareUnsigned(s, se[1]) <= 0; s++) {
                                if (s >= 0 && s < bitmapBits) {
                                    vcpus[i].set((int) s);
                                }
                                maxVcpus++;
                                if (s == -1L) {
                                    break;
                                }
                            }
                        }
                    }
                    case "vdistances" -> {
                        List<String> vdist = DeviceSpecs.strtok(value, ",");
                        for (int j = 0; j < vdist.size() && j < num; j++) {
                            distances[i][j] = parseUlong(vdist.get(j), err) & 0xffffffffL;
                        }
                    }
                    default -> { }
                }
            }
        }
        if (b.maxVcpus != 0) {
            if (b.maxVcpus != maxVcpus) {
                err.print("xl: vnuma vcpus and maxvcpus= mismatch\n");
                throw new XlExit(1);
            }
        } else {
            if (host.maxCpus() < maxVcpus) {
                err.print("xl: vnuma specifies more vcpus than pcpus, use maxvcpus= to override this check.\n");
                throw new XlExit(1);
            }
            b.maxVcpus = (int) maxVcpus;
        }
        if (b.maxMemkb != -1L && b.maxMemkb != maxMemkb) {
            err.print("xl: maxmem and vnuma memory size mismatch\n");
            throw new XlExit(1);
        }
        b.maxMemkb = maxMemkb;
        List<VnodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < num; i++) {
            List<Long> d = new ArrayList<>();
            for (long x : distances[i]) {
                d.add(x);
            }
            nodes.add(new VnodeInfo(memkb[i], d, pnode[i] & 0xffffffffL, vcpus[i]));
        }
        b.vnumaNodes = nodes;
    }

    /** xl's trim(isspace, …). */
    private static String cTrim(String s) {
        int a = 0;
        int e = s.length();
        while (a < e && CNumbers.isSpace(s.charAt(a))) {
            a++;
        }
        while (e > a && CNumbers.isSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(a, e);
    }

    /** xl's parse_ulong: strtoul base 10, exit on no digits or ULONG_MAX. */
    private static long parseUlong(String str, PrintStream err) {
        CNumbers.Parsed p = CNumbers.strtoul(str, 10);
        if (p.end() == 0 || p.value() == -1L) {
            err.print("xl: failed to convert \"" + str + "\" to number\n");
            throw new XlExit(1);
        }
        return p.value();
    }

    /** xl's parse_range, whose error return vnuma ignores: {a, b} as it leaves them. */
    private static long[] parseRange(String str) {
        CNumbers.Parsed p = CNumbers.strtoul(str, 10);
        long a = p.value();
        long b = a;
        if (p.end() == 0 || a == -1L) {
            return new long[] {a, b};
        }
        if (p.end() < str.length() && str.charAt(p.end()) == '-') {
            CNumbers.Parsed q = CNumbers.strtoul(str.substring(p.end() + 1), 10);
            b = q.value();
        }
        return new long[] {a, b};
    }
}
