package io.xlj.config.spec;

import java.util.ArrayList;
import java.util.List;

/** The C string helpers xl_parse.c splits specs with. */
public final class CStrings {

    private CStrings() {
    }

    /** strtok over {@code delims}: the non-empty tokens in order. */
    public static List<String> strtok(String s, String delims) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && delims.indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            int start = i;
            while (i < n && delims.indexOf(s.charAt(i)) < 0) {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    /** {@code while (*p == ' ') p++;} */
    public static String skipSpaces(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return s.substring(i);
    }

    /** xl's trim(isspace, ...). */
    public static String trimSpace(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && CNumbers.isSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && CNumbers.isSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    /**
     * xl's split_string_into_pair: the first two strtok tokens, or null when there are
     * fewer (ERROR_INVAL). Anything after a second delimiter is dropped, as in xl.
     */
    public static String[] splitPair(String s, String delim) {
        List<String> t = strtok(s, delim);
        return t.size() < 2 ? null : new String[] {t.get(0), t.get(1)};
    }

    /**
     * MATCH_OPTION(prefix, token, oparg): the value after {@code prefix=}, or null when
     * the token does not start with it.
     */
    public static String matchOption(String prefix, String token) {
        String p = prefix + "=";
        return token.startsWith(p) ? token.substring(p.length()) : null;
    }

    /** strcasecmp(a, b) == 0 in the C locale (ASCII letters only fold). */
    public static boolean strcaseEquals(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (fold(a.charAt(i)) != fold(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** atoi. */
    public static int atoi(String s) {
        return (int) CNumbers.atol(s);
    }

    /** strtoul(s, NULL, 0). */
    public static long strtoul0(String s) {
        return CNumbers.strtoul(s, 0).value();
    }
}
