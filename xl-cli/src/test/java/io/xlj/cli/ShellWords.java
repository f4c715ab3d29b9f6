package io.xlj.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line of the spec case files into words: blanks separate, '...' and "..."
 * quote, backslash escapes outside single quotes; inside double quotes {@code \n} and
 * {@code \t} mean newline and tab (the files' own convention).
 */
final class ShellWords {

    private ShellWords() {
    }

    static List<String> split(String s) {
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
