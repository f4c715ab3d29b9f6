package io.xlj.config;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the same sequence of libxlutil calls as src/test/c/cfgprobe.c, on
 * io.xlj.config, printing in the same format, so the two outputs can be
 * compared byte for byte.
 */
final class ProbeMirror {
    private ProbeMirror() {}

    private static final Pattern IDENT = Pattern.compile("[a-z][._0-9a-z]*");

    /** Keys worth asking about: every identifier-looking word in the input, plus one never set. */
    static List<String> keys(byte[] data) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = IDENT.matcher(new String(data, StandardCharsets.ISO_8859_1));
        while (m.find() && keys.size() < 60) keys.add(m.group());
        keys.add("never.set");
        return List.copyOf(keys);
    }

    static String run(byte[] data, String source, List<String> keys) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.ISO_8859_1);
        XlConfig cfg = new XlConfig(source, out);
        int rc = cfg.readData(data);
        out.print("rc " + rc + "\n");
        if (rc == 0) {
            for (String n : keys) dumpKey(cfg, n, out);
        }
        out.flush();
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private static void dumpKey(XlConfig cfg, String n, PrintStream out) {
        out.print("key " + n + "\n");
        Lookup<String> s = cfg.getString(n, false);
        out.print(" string " + s.error() + (s.ok() ? " [" + c(s.value()) + "]" : "") + "\n");
        Lookup<Long> l = cfg.getLong(n, false);
        out.print(" long " + l.error() + (l.ok() ? " " + l.value() : "") + "\n");
        l = cfg.getBoundedLong(n, -5, 1000, false);
        out.print(" bounded " + l.error() + (l.ok() ? " " + l.value() : "") + "\n");
        Lookup<Boolean> b = cfg.getDefbool(n, false);
        out.print(" defbool " + b.error() + (b.ok() ? " " + (b.value() ? 1 : 0) : "") + "\n");
        Lookup<String> probe = cfg.getString(n, true);
        out.print(" replace " + probe.error() + " [" + c(cfg.replaceString(n, "orig", true)) + "]\n");
        Lookup<ConfigValue.ListValue> list = cfg.getList(n, false);
        out.print(" list " + list.error() + (list.ok() ? " " + list.value().size() : "") + "\n");
        if (list.ok()) dumpList(cfg, list.value(), 1, out);
        Lookup<List<String>> sl = cfg.getListAsStringList(n, true);
        out.print(" strlist " + sl.error());
        if (sl.ok()) {
            for (String item : sl.value()) out.print(" [" + (item == null ? "(null)" : c(item)) + "]");
        }
        out.print("\n");
    }

    private static void dumpList(XlConfig cfg, ConfigValue.ListValue list, int depth, PrintStream out) {
        for (int i = 0; ; i++) {
            ConfigValue v = list.item(i);
            if (v == null) break;
            String item = list.itemString(i);
            Lookup<String> s = cfg.valueGetString(v, false);
            Lookup<ConfigValue.ListValue> sub = cfg.valueGetList(v, false);
            out.print(" ".repeat(depth * 2) + "item " + i + " type=" + (v instanceof ConfigValue.ListValue ? 1 : 0)
                    + " string=" + s.error() + " list=" + sub.error() + " listitem=" + (item != null ? "yes" : "NULL"));
            if (s.ok()) out.print(" [" + c(s.value()) + "]");
            out.print("\n");
            if (sub.ok()) dumpList(cfg, sub.value(), depth + 1, out);
        }
    }

    /** printf("%s") stops at a NUL. */
    private static String c(String s) {
        int z = s.indexOf('\0');
        return z < 0 ? s : s.substring(0, z);
    }
}
