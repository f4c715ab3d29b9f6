package io.xlj.config.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a spec case file: the exit code Xen's check script expects (or "-" where
 * the case is ours), then the arguments in shell syntax (blanks separate, '...' and "..."
 * quote, backslash escapes outside single quotes; inside double quotes {@code \n} and
 * {@code \t} mean newline and tab). Lines starting with '#' and blank lines are skipped.
 */
public record SpecCase(String expectedRc, List<String> args, int line) {

    @Override
    public String toString() {
        return String.join(" ", args.stream().map(a -> "[" + a + "]").toList()) + " (line " + line + ")";
    }

    /** The case lines of a test resource (ISO-8859-1): blank lines and # comments left out. */
    public static List<String> lines(String resource) {
        try (InputStream in = SpecCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<SpecCase> load(String resource) {
        try (InputStream in = SpecCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            List<SpecCase> cases = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                List<String> words = words(l);
                cases.add(new SpecCase(words.get(0), words.subList(1, words.size()), i + 1));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits one case line into its words (the shell-like syntax described above). */
    public static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
                i++;
                continue;
            }
            if (cur == null) {
                cur = new StringBuilder();
            }
            if (c == '\'') {
                int j = s.indexOf('\'', i + 1);
                cur.append(s, i + 1, j);
                i = j + 1;
            } else if (c == '"') {
                i++;
                while (s.charAt(i) != '"') {
                    char d = s.charAt(i++);
                    if (d == '\\' && i < s.length()) {
                        char e = s.charAt(i++);
                        d = e == 'n' ? '\n' : e == 't' ? '\t' : e;
                    }
                    cur.append(d);
                }
                i++;
            } else if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(i + 1));
                i += 2;
            } else {
                cur.append(c);
                i++;
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }
}
