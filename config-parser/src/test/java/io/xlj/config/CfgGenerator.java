package io.xlj.config;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * Seeded random xl.cfg inputs: mostly well-formed configs (nested lists,
 * comments, separators, +=) with a few random mutations, and token soups
 * that hit the lexer's and parser's error paths.
 */
final class CfgGenerator {

    private static final String[] KEYS = {"a", "b", "name", "memory", "vif", "disk", "x.y", "c_d9", "vnuma"};
    private static final String[] NUMBERS = {"0", "1", "010", "08", "0x1f", "0x", "1e5", "12ab", "999", "1000",
        "99999999999999999999", "9223372036854775807", "9223372036854775808", "00"};
    private static final String[] NOISE = {"=", "+=", "[", "]", ",", ";", "\n", "# c\n", " ", "\t", "\r", "(", ")",
        ":", "-", ".", "+", "@", "\"open", "'open", "Name", "#", "\\", "\u00e9", "`", "{", "}", "\"\"", "''",
        "\"a\\qb\"", "\"\\x41\"", "\"\\101\"", "\"\\1\"", "a", "12", "=\n", "[\n", ",\n"};

    private final Random rnd;
    private final boolean allowNul;

    CfgGenerator(long seed, boolean allowNul) {
        this.rnd = new Random(seed);
        this.allowNul = allowNul;
    }

    byte[] next() {
        int kind = rnd.nextInt(10);
        byte[] data;
        if (kind < 6) data = mutate(config().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        else if (kind < 9) data = soup().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        else data = randomBytes();
        return data;
    }

    private String config() {
        StringBuilder b = new StringBuilder();
        int n = 1 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(6) == 0) b.append("# comment ").append(rnd.nextInt(100)).append('\n');
            b.append(pick(KEYS)).append(rnd.nextBoolean() ? " " : "");
            b.append(rnd.nextInt(5) == 0 ? "+=" : "=").append(rnd.nextBoolean() ? " " : "");
            value(b, 0);
            int sep = rnd.nextInt(8);
            b.append(sep == 0 ? ";" : sep == 1 ? " # trailing\n" : sep == 2 ? "; " : "\n");
        }
        if (rnd.nextInt(4) == 0 && b.length() > 0 && b.charAt(b.length() - 1) == '\n') b.setLength(b.length() - 1);
        return b.toString();
    }

    private void value(StringBuilder b, int depth) {
        int k = rnd.nextInt(depth >= 3 ? 2 : 3);
        if (k == 0) {
            b.append(pick(NUMBERS));
        } else if (k == 1) {
            string(b);
        } else {
            b.append('[');
            int items = rnd.nextInt(4);
            for (int i = 0; i < items; i++) {
                if (rnd.nextInt(4) == 0) b.append('\n');
                if (rnd.nextInt(8) == 0) b.append(" # in list\n");
                value(b, depth + 1);
                if (i + 1 < items || rnd.nextInt(3) == 0) b.append(rnd.nextBoolean() ? ", " : ",");
            }
            if (rnd.nextInt(4) == 0) b.append('\n');
            b.append(']');
        }
    }

    private void string(StringBuilder b) {
        char q = rnd.nextInt(3) == 0 ? '\'' : '"';
        b.append(q);
        int len = rnd.nextInt(12);
        for (int i = 0; i < len; i++) {
            int k = rnd.nextInt(20);
            if (k == 0) b.append("\\n");
            else if (k == 1) b.append("\\").append(q);
            else if (k == 2) b.append("\\\\");
            else if (k == 3) b.append('\\').append("abfnrtvx0q1789".charAt(rnd.nextInt(14)));
            else if (k == 4) b.append((char) (0x80 + rnd.nextInt(128)));
            else if (k == 5) b.append(q == '"' ? '\'' : '"');
            else b.append((char) (' ' + rnd.nextInt(95)));
        }
        b.append(q);
    }

    private String soup() {
        StringBuilder b = new StringBuilder();
        int n = 1 + rnd.nextInt(30);
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(4);
            if (k == 0) b.append(pick(KEYS));
            else if (k == 1) b.append(pick(NUMBERS));
            else if (k == 2) string(b);
            else b.append(pick(NOISE));
            if (rnd.nextBoolean()) b.append(' ');
        }
        return b.toString();
    }

    private byte[] mutate(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(in);
        byte[] cur = out.toByteArray();
        int mutations = rnd.nextInt(3);
        for (int m = 0; m < mutations && cur.length > 0; m++) {
            int at = rnd.nextInt(cur.length);
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            o.write(cur, 0, at);
            switch (rnd.nextInt(3)) {
                case 0 -> o.writeBytes(pick(NOISE).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                case 1 -> at = Math.min(cur.length, at + 1 + rnd.nextInt(3));
                default -> o.write(randomByte());
            }
            o.write(cur, at, cur.length - at);
            cur = o.toByteArray();
        }
        return cur;
    }

    private byte[] randomBytes() {
        byte[] b = new byte[rnd.nextInt(64)];
        for (int i = 0; i < b.length; i++) b[i] = (byte) randomByte();
        return b;
    }

    private int randomByte() {
        int v = rnd.nextInt(8) == 0 ? rnd.nextInt(256) : " \n\t=[],;\"'#abz09x+-(".charAt(rnd.nextInt(20));
        return v == 0 && !allowNul ? 'a' : v;
    }

    private String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }
}
