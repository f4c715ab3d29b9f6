package io.xlj.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * xl's whole command table, in xl's order (help lists it in this order and
 * prefix lookup depends on it), loaded from cmdtable.txt, which is generated
 * from the real xl 4.17 by xl-cli/src/build/gen-cmdtable.py.
 */
public final class CommandTable {

    private static final CommandTable XL = load();

    private final List<CommandSpec> specs;

    private CommandTable(List<CommandSpec> specs) {
        this.specs = Collections.unmodifiableList(specs);
    }

    public static CommandTable xl() {
        return XL;
    }

    public List<CommandSpec> specs() {
        return specs;
    }

    /**
     * cmdtable_lookup: an exact name, or a prefix matching exactly one
     * command ({@code li} is {@code list}); null otherwise.
     */
    public CommandSpec lookup(String s) {
        if (s == null) return null;
        CommandSpec found = null;
        int count = 0;
        for (CommandSpec c : specs) {
            if (c.name().startsWith(s)) {
                if (c.name().length() == s.length()) return c;
                found = c;
                count++;
            }
        }
        return count == 1 ? found : null;
    }

    private static CommandTable load() {
        try (InputStream in = CommandTable.class.getResourceAsStream("cmdtable.txt")) {
            if (in == null) throw new IllegalStateException("cmdtable.txt missing from the xl-cli jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            List<CommandSpec> specs = new ArrayList<>(100);
            String head;
            while ((head = r.readLine()) != null) {
                if (head.startsWith("#") || head.isEmpty()) continue;
                String[] f = head.split("\\|");
                String desc = unescape(r.readLine());
                String usage = unescape(r.readLine());
                String opts = r.readLine();
                specs.add(new CommandSpec(f[0], f[1].equals("1"), f[2].equals("1"), desc, usage,
                        opts.equals("!") ? null : unescape(opts)));
            }
            return new CommandTable(specs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
