package io.xlj.libxl.device;

/** The bits of C's number parsing (strtoul, sscanf %i) that libxl's device code relies on. */
final class CNum {

    record Parsed(long value, int end) {
    }

    private CNum() {
    }

    /**
     * strtoul(s, &ep, 0) over the whole string with errno 0: null when nothing or not all of
     * it was consumed or the value overflowed.
     */
    static Long strtoulWhole(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            if (i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
                base = 16;
                i += 2;
            }
        } else if (i < s.length() && s.charAt(i) == '0') {
            base = 8;
        }
        Parsed p = strtoul(s, i, base);
        if (p == null) {
            // No conversion: endptr is the start, so only "" passes the "whole string" test.
            return s.isEmpty() ? 0L : null;
        }
        if (p.end() != s.length()) {
            return null;
        }
        // A negated value wraps as unsigned long: never <= INT_MAX unless it is 0.
        return neg && p.value() != 0 ? Long.MAX_VALUE : p.value();
    }

    /**
     * strtoul(s + start, &ep, 10): blanks, an optional sign, decimal digits; a negated value
     * wraps (so is huge unless 0). Null when there is no digit.
     */
    static Parsed strtoulDecimal(String s, int start) {
        int i = start;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        Parsed p = strtoul(s, i, 10);
        if (p == null) {
            return null;
        }
        return neg && p.value() != 0 ? new Parsed(Long.MAX_VALUE, p.end()) : p;
    }

    /** Unsigned digits of {@code base} from {@code start}; null if there is none or it overflows 63 bits. */
    static Parsed strtoul(String s, int start, int base) {
        long v = 0;
        int i = start;
        while (i < s.length() && Character.digit(s.charAt(i), base) >= 0) {
            v = v * base + Character.digit(s.charAt(i), base);
            if (v < 0 || v > 0xFFFF_FFFFL * 0x10000L) {
                return null;
            }
            i++;
        }
        return i == start ? null : new Parsed(v, i);
    }

    /** sscanf's %i at {@code start}: optional sign, then 0x hex, 0 octal or decimal; value wraps to int. */
    static Parsed scanI(String s, int start) {
        int i = start;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if ((s.startsWith("0x", i) || s.startsWith("0X", i)) && i + 2 < s.length()
                && Character.digit(s.charAt(i + 2), 16) >= 0) {
            base = 16;
            i += 2;
        } else if (i < s.length() && s.charAt(i) == '0') {
            base = 8;
        }
        Parsed p = strtoul(s, i, base);
        if (p == null) {
            return null;
        }
        int v = (int) p.value();
        return new Parsed(neg ? -v : v, p.end());
    }
}
