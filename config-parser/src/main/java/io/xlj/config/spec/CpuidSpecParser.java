package io.xlj.config.spec;

import io.xlj.config.model.CpuidPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cpuid=} as libxl 4.17 parses it: the string form {@code "host,NAME=VALUE,..."}
 * (libxl_cpuid_parse_config: libxl's own flag names first, then Xen's feature names) and
 * the list form of xend strings {@code "LEAF[,SUBLEAF]:eax=...,ebx=..."}
 * (libxl_cpuid_parse_config_xend), with xl's error reporting (xl prints and carries on).
 */
public final class CpuidSpecParser {

    private record Flag(String name, long leaf, long subleaf, int reg, int bit, int length) {
    }

    /** feature word -> where libxl puts it (featureset word order of 4.17). */
    private record Word(boolean msr, long leafOrIndex, long subleaf, int reg) {
    }

    private static final long NA = CpuidPolicy.INPUT_UNUSED;
    private static final int EAX = 0;
    private static final int EBX = 1;
    private static final int ECX = 2;
    private static final int EDX = 3;

    private static final Word[] WORDS = {
        new Word(false, 0x00000001L, NA, EDX), new Word(false, 0x00000001L, NA, ECX),
        new Word(false, 0x80000001L, NA, EDX), new Word(false, 0x80000001L, NA, ECX),
        new Word(false, 0x0000000DL, 1, EAX), new Word(false, 0x00000007L, 0, EBX),
        new Word(false, 0x00000007L, 0, ECX), new Word(false, 0x80000007L, NA, EDX),
        new Word(false, 0x80000008L, NA, EBX), new Word(false, 0x00000007L, 0, EDX),
        new Word(false, 0x00000007L, 1, EAX), new Word(false, 0x80000021L, NA, EAX),
        new Word(false, 0x00000007L, 1, EBX), new Word(false, 0x00000007L, 2, EDX),
        new Word(false, 0x00000007L, 1, ECX), new Word(false, 0x00000007L, 1, EDX),
        new Word(true, 0x10aL, 0, EAX), new Word(true, 0x10aL, 0, EDX),
        new Word(false, 0x80000021L, NA, ECX),
    };

    private static final List<Flag> FLAGS = new ArrayList<>();
    private static final Map<String, Integer> FEATURES = new HashMap<>();

    static {
        for (String[] f : table("cpuid-flags.txt")) {
            FLAGS.add(new Flag(f[0], Long.decode(f[1]), f[2].equals("-1") ? NA : Long.parseLong(f[2]),
                    Arrays.asList("eax", "ebx", "ecx", "edx").indexOf(f[3]), Integer.parseInt(f[4]),
                    Integer.parseInt(f[5])));
        }
        for (String[] f : table("cpuid-features.txt")) {
            FEATURES.put(f[0], Integer.parseInt(f[1]));
        }
    }

    private static List<String[]> table(String name) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = CpuidSpecParser.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String l; (l = r.readLine()) != null; ) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    rows.add(l.trim().split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** A policy being built, in first-mention order like libxl's arrays. */
    public static final class Builder {
        private final Map<List<Long>, String[]> leaves = new LinkedHashMap<>();
        private final Map<Long, char[]> msrs = new LinkedHashMap<>();

        String[] leaf(long leaf, long subleaf) {
            return leaves.computeIfAbsent(List.of(leaf, subleaf), k -> new String[4]);
        }

        char[] msr(long index) {
            return msrs.computeIfAbsent(index, k -> {
                char[] c = new char[64];
                Arrays.fill(c, 'x');
                return c;
            });
        }

        public CpuidPolicy build() {
            List<CpuidPolicy.Leaf> l = new ArrayList<>();
            leaves.forEach((k, v) -> l.add(new CpuidPolicy.Leaf(k.get(0), k.get(1), Arrays.asList(v))));
            List<CpuidPolicy.Msr> m = new ArrayList<>();
            msrs.forEach((k, v) -> m.add(new CpuidPolicy.Msr(k, new String(v))));
            return new CpuidPolicy(l, m);
        }
    }

    private CpuidSpecParser() {
    }

    /** xl's handling of {@code cpuid="host,..."} (a string): messages, never an exit. */
    public static void parseString(Builder policy, String buf, Diagnostics diag) {
        List<String> toks = CStrings.strtok(buf, ",");
        if (toks.isEmpty()) {
            return;
        }
        if (!toks.get(0).equals("host")) {
            diag.print("while parsing CPUID string: \"" + buf + "\":\n");
            diag.print("  error: first word must be \"host\"\n");
            return;
        }
        for (String p : toks.subList(1, toks.size())) {
            int e = parseConfig(policy, p);
            if (e == 0) {
                continue;
            }
            String err = switch (e) {
                case 1 -> "missing \"=\" in key=value";
                case 2 -> "unknown CPUID flag name";
                case 3 -> "illegal CPUID value (must be: [0|1|x|k|s])";
                default -> "unknown error";
            };
            diag.print("while parsing CPUID flag: \"" + p + "\":\n");
            diag.print("  error #" + e + ": " + err + "\n");
        }
    }

    /** xl's handling of one item of {@code cpuid=[...]} (xend syntax). */
    public static void parseListItem(Builder policy, String buf, Diagnostics diag) {
        int e = parseXend(policy, buf);
        if (e == 0) {
            return;
        }
        String err = switch (e) {
            case 1 -> "illegal leaf number";
            case 2 -> "illegal subleaf number";
            case 3 -> "missing colon";
            case 4 -> "invalid register name (must be e[abcd]x)";
            case 5 -> "policy string must be exactly 32 characters long";
            default -> "unknown error";
        };
        diag.print("while parsing CPUID line: \"" + buf + "\":\n");
        diag.print("  error #" + e + ": " + err + "\n");
    }

    /** libxl_cpuid_parse_config: 0, or 1 (no '='), 2 (unknown name), 3 (bad value). */
    static int parseConfig(Builder policy, String str) {
        int sep = str.indexOf('=');
        if (sep < 0) {
            return 1;
        }
        String name = str.substring(0, sep);
        String val = str.substring(sep + 1);
        for (Flag f : FLAGS) {
            if (f.name().equals(name)) {
                return cpuidAdd(policy, f, val);
            }
        }
        Integer bit = FEATURES.get(name);
        if (bit == null || bit / 32 >= WORDS.length) {
            return 2;
        }
        Word w = WORDS[bit / 32];
        if (!w.msr()) {
            return cpuidAdd(policy, new Flag(name, w.leafOrIndex(), w.subleaf(), w.reg(), bit % 32, 1), val);
        }
        int b = bit % 32 + (w.reg() == EDX ? 32 : 0);
        char[] entry = policy.msr(w.leafOrIndex());
        if (val.length() != 1) {
            return 3;
        }
        switch (val.charAt(0)) {
            case '0', '1', 'x', 'k' -> entry[63 - b] = val.charAt(0);
            case 's' -> entry[63 - b] = 'k';
            default -> {
                return 3;
            }
        }
        return 0;
    }

    private static int cpuidAdd(Builder policy, Flag flag, String val) {
        String[] entry = policy.leaf(flag.leaf(), flag.subleaf());
        CNumbers.Result r = CNumbers.strtoul(val, 0);
        long num = r.value();
        char[] flags = new char[Math.max(flag.length(), 8)];
        if (r.end() != 0) {
            for (int i = 0; i < flag.length(); i++) {
                flags[flag.length() - 1 - i] = (i < 64 && ((num >>> i) & 1) != 0) ? '1' : '0';
            }
        } else {
            char c = val.isEmpty() ? '\0' : val.charAt(0);
            if (c != 'x' && c != 'k' && c != 's') {
                return 3;
            }
            Arrays.fill(flags, 0, flag.length(), c);
        }
        char[] res = (entry[flag.reg()] == null ? "x".repeat(32) : entry[flag.reg()]).toCharArray();
        if (flag.name().equals("family")) {
            if (Long.compareUnsigned(num, 16) < 0) {
                System.arraycopy(flags, 4, res, 28 - flag.bit(), 4);
                System.arraycopy("00000000".toCharArray(), 0, res, 4, 8);
            } else {
                num -= 15;
                System.arraycopy("1111".toCharArray(), 0, res, 28 - flag.bit(), 4);
                for (int i = 0; i < 7; i++) {
                    flags[7 - i] = (num & 1) != 0 ? '1' : '0';
                    num >>>= 1;
                }
                System.arraycopy(flags, 0, res, 4, 8);
            }
        } else if (flag.name().equals("model")) {
            System.arraycopy(flags, 0, res, 12, 4);
            System.arraycopy(flags, 4, res, 28 - flag.bit(), 4);
        } else {
            System.arraycopy(flags, 0, res, 32 - flag.length() - flag.bit(), flag.length());
        }
        entry[flag.reg()] = new String(res);
        return 0;
    }

    /** libxl_cpuid_parse_config_xend: 0 or the error number xl explains. */
    static int parseXend(Builder policy, String str) {
        CNumbers.Result r = CNumbers.strtoul(str, 0);
        if (r.end() == 0) {
            return 1;
        }
        long leaf = r.value() & 0xFFFF_FFFFL;
        long subleaf = NA;
        int end = r.end();
        if (end < str.length() && str.charAt(end) == ',') {
            CNumbers.Result s = CNumbers.strtoul(str, end + 1, 0);
            if (s.end() == end + 1) {
                return 2;
            }
            subleaf = s.value() & 0xFFFF_FFFFL;
            end = s.end();
        }
        if (end >= str.length() || str.charAt(end) != ':') {
            return 3;
        }
        String[] entry = policy.leaf(leaf, subleaf);
        int p = end + 1;
        while (p < str.length()) {
            if (str.charAt(p) != 'e' || p + 2 >= str.length() || str.charAt(p + 2) != 'x') {
                return 4;
            }
            int reg = str.charAt(p + 1) - 'a';
            int eq = str.indexOf('=', p);
            if (reg < 0 || reg > 3 || eq < 0) {
                return 4;
            }
            int vStart = eq + 1;
            int comma = str.indexOf(',', vStart);
            int vEnd = comma < 0 ? str.length() : comma;
            if (vEnd - vStart != 32) {
                return 5;
            }
            entry[reg] = str.substring(vStart, vEnd);
            if (comma < 0) {
                break;
            }
            p = comma + 1;
            while (p < str.length() && (str.charAt(p) == ' ' || str.charAt(p) == '\n')) {
                p++;
            }
        }
        return 0;
    }
}
