package io.xlj.config.xlparse;

import io.xlj.config.CNumbers;
import io.xlj.config.model.IomemRange;

/** xl's iomem item: sscanf(buf, "%lx,%lx%n@%lx%n") and nothing after it. */
final class IomemSpec {

    private IomemSpec() {
    }

    /** The range, or null where xl says "Invalid argument parsing iomem". */
    static IomemRange parse(String buf) {
        String s = buf.substring(0, XlParse.cLength(buf));
        Hex start = hex(s, 0);
        if (start == null || start.end >= s.length() || s.charAt(start.end) != ',') {
            return null;
        }
        Hex number = hex(s, start.end + 1);
        if (number == null) {
            return null;
        }
        int used = number.end;
        long gfn = IomemRange.INVALID_GFN;
        if (used < s.length() && s.charAt(used) == '@') {
            Hex g = hex(s, used + 1);
            if (g != null) {
                gfn = g.value;
                used = g.end;
            }
        }
        if (used != s.length()) {
            return null;
        }
        return new IomemRange(start.value, number.value, gfn);
    }

    private record Hex(long value, int end) {
    }

    /** One scanf %lx conversion at {@code from}: strtoul base 16, null when no digits. */
    private static Hex hex(String s, int from) {
        if (from > s.length()) {
            return null;
        }
        CNumbers.Parsed p = CNumbers.strtoul(s.substring(from), 16);
        if (p.end() == 0) {
            return null;
        }
        return new Hex(p.value(), from + p.end());
    }
}
