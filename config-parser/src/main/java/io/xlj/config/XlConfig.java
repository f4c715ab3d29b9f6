package io.xlj.config;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed xl.cfg file and the libxlutil getter API over it ({@code XLU_Config}
 * and {@code xlu_cfg_*} in libxlu_cfg.c, Xen 4.17), with identical semantics
 * and warning texts.  Text is handled as ISO-8859-1 (one char per byte) end to
 * end; the report stream must print it that way.
 *
 * <pre>
 *   XlConfig cfg = new XlConfig("guest.cfg", stderr);
 *   if (cfg.readData(bytes) != 0) { ... "Failed to parse config: Invalid argument" }
 *   cfg.getLong("memory", false).ifOk(m -&gt; ...);
 * </pre>
 *
 * Getters return a {@link Lookup}: {@code ok()} is C's {@code == 0},
 * {@code missing()} is ESRCH.  Warnings go to the report stream unless
 * {@code dontWarn}.
 */
public final class XlConfig {

    private final String source;
    private final PrintStream report;
    private final List<Setting> settings = new ArrayList<>();
    private final Map<String, Setting> latest = new HashMap<>();

    /** xlu_cfg_init(report, report_source). */
    public XlConfig(String source, PrintStream report) {
        this.source = source;
        this.report = report;
    }

    public String source() {
        return source;
    }

    void report(String text) {
        if (report != null) report.print(text);
    }

    // ---- reading ----

    /** xlu_cfg_readdata: parses bytes; returns 0 or an errno (EINVAL for syntax errors). */
    public int readData(byte[] data) {
        return readData(new String(data, StandardCharsets.ISO_8859_1));
    }

    /** xlu_cfg_readdata over text whose chars are bytes (ISO-8859-1). */
    public int readData(String isoText) {
        return CfgParser.parse(this, isoText);
    }

    /** xlu_cfg_readfile: like readData, with libxlutil's message when the file cannot be opened. */
    public int readFile(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            // libxlutil prints strerror of a variable that is still 0 here.
            report(file + ": unable to open configuration file: Success\n");
            return Files.isDirectory(file) ? Errno.EISDIR
                    : Files.exists(file) ? Errno.EACCES : Errno.ENOENT;
        }
        return readData(data);
    }

    // ---- the stored settings ----

    void add(Setting s) {
        settings.add(s);
        latest.put(s.name(), s);
    }

    /** The setting a getter would use for {@code name} (the last one stored), or null. */
    public Setting find(String name) {
        return latest.get(name);
    }

    /** Every stored setting in file order (later duplicates override earlier ones). */
    public List<Setting> settings() {
        return Collections.unmodifiableList(settings);
    }

    // ---- xlu_cfg_get_* ----

    private Lookup<Setting> findAtom(String n, boolean dontWarn) {
        Setting set = find(n);
        if (set == null) return Lookup.fail(Errno.ESRCH);
        if (!(set.value() instanceof ConfigValue.StringValue)) {
            if (!dontWarn) {
                report(source + ":" + set.line() + ": warning: parameter `" + n
                        + "' is a list but should be a single value\n");
            }
            return Lookup.fail(Errno.EINVAL);
        }
        return Lookup.of(set);
    }

    /** xlu_cfg_get_string. */
    public Lookup<String> getString(String n, boolean dontWarn) {
        Lookup<Setting> a = findAtom(n, dontWarn);
        return a.ok() ? Lookup.of(((ConfigValue.StringValue) a.value().value()).text()) : Lookup.fail(a.error());
    }

    /** getString(n, false): the string, or null when absent or a list (after the warning). */
    public String string(String n) {
        return getString(n, false).orElse(null);
    }

    /** getString(n, false), or {@code dflt} when absent or unusable. */
    public String stringOr(String n, String dflt) {
        return getString(n, false).orElse(dflt);
    }

    /**
     * xlu_cfg_replace_string: the new value when {@code n} is a usable string,
     * else {@code current} unchanged.
     */
    public String replaceString(String n, String current, boolean dontWarn) {
        Lookup<String> s = getString(n, dontWarn);
        return s.ok() ? s.value() : current;
    }

    /** xlu_cfg_get_bounded_long: strtol(s, &amp;ep, 0) with libxlutil's checks and warnings. */
    public Lookup<Long> getBoundedLong(String n, long min, long max, boolean dontWarn) {
        Lookup<Setting> a = findAtom(n, dontWarn);
        if (!a.ok()) return Lookup.fail(a.error());
        Setting set = a.value();
        if (set.op() == Setting.Op.ADD) {
            if (!dontWarn) {
                report(source + ":" + set.line() + ": warning: can't use += with numbers for parameter `"
                        + n + "'\n");
            }
            return Lookup.fail(Errno.EINVAL);
        }
        String s = ((ConfigValue.StringValue) set.value()).text();
        CNumbers.Parsed p = CNumbers.strtol(s, 0);
        if (p.errno() != 0) {
            if (!dontWarn) {
                report(source + ":" + set.line() + ": warning: parameter `" + n
                        + "' could not be parsed as a number: " + Errno.strerror(p.errno()) + "\n");
            }
            return Lookup.fail(p.errno());
        }
        if (p.end() == 0 || p.end() != cLength(s)) {
            if (!dontWarn) {
                report(source + ":" + set.line() + ": warning: parameter `" + n + "' is not a valid number\n");
            }
            return Lookup.fail(Errno.EINVAL);
        }
        long l = p.value();
        if (l < min) {
            if (!dontWarn) {
                report(source + ":" + set.line() + ": warning: value `" + l
                        + "' is smaller than minimum bound '" + min + "'\n");
            }
            return Lookup.fail(Errno.EINVAL);
        }
        if (l > max) {
            if (!dontWarn) {
                report(source + ":" + set.line() + ": warning: value `" + l
                        + "' is greater than maximum bound '" + max + "'\n");
            }
            return Lookup.fail(Errno.EINVAL);
        }
        return Lookup.of(l);
    }

    /** A C string ends at its first NUL. */
    private static int cLength(String s) {
        int z = s.indexOf('\0');
        return z < 0 ? s.length() : z;
    }

    /** xlu_cfg_get_long. */
    public Lookup<Long> getLong(String n, boolean dontWarn) {
        return getBoundedLong(n, Long.MIN_VALUE, Long.MAX_VALUE, dontWarn);
    }

    /** xlu_cfg_get_defbool: any number, true when non-zero. */
    public Lookup<Boolean> getDefbool(String n, boolean dontWarn) {
        Lookup<Long> l = getLong(n, dontWarn);
        return l.ok() ? Lookup.of(l.value() != 0) : Lookup.fail(l.error());
    }

    /** xlu_cfg_get_list: the list (size() is entries_r). */
    public Lookup<ConfigValue.ListValue> getList(String n, boolean dontWarn) {
        Setting set = find(n);
        if (set == null) return Lookup.fail(Errno.ESRCH);
        if (!(set.value() instanceof ConfigValue.ListValue list)) {
            if (!dontWarn) {
                report(source + ":" + set.line() + ": warning: parameter `" + n
                        + "' is a single value but should be a list\n");
            }
            return Lookup.fail(Errno.EINVAL);
        }
        return Lookup.of(list);
    }

    /**
     * xlu_cfg_get_list_as_string_list: the items as strings; an item that is a
     * list becomes null (C's NULL entry).
     */
    public Lookup<List<String>> getListAsStringList(String n, boolean dontWarn) {
        Lookup<ConfigValue.ListValue> l = getList(n, dontWarn);
        if (!l.ok()) return Lookup.fail(l.error());
        List<String> out = new ArrayList<>(l.value().size());
        for (int i = 0; i < l.value().size(); i++) out.add(l.value().itemString(i));
        return Lookup.of(Collections.unmodifiableList(out));
    }

    /** xlu_cfg_value_get_string: the value's string, or a "value is not a string" warning. */
    public Lookup<String> valueGetString(ConfigValue value, boolean dontWarn) {
        if (value instanceof ConfigValue.StringValue s) return Lookup.of(s.text());
        if (!dontWarn) {
            report(source + ":" + value.line() + ":" + value.column() + ": warning: value is not a string\n");
        }
        return Lookup.fail(Errno.EINVAL);
    }

    /** xlu_cfg_value_get_list: the value's list, or a "value is not a list" warning. */
    public Lookup<ConfigValue.ListValue> valueGetList(ConfigValue value, boolean dontWarn) {
        if (value instanceof ConfigValue.ListValue l) return Lookup.of(l);
        if (!dontWarn) {
            report(source + ":" + value.line() + ":" + value.column() + ": warning: value is not a list\n");
        }
        return Lookup.fail(Errno.EINVAL);
    }
}
