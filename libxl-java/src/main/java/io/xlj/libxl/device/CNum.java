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
        Lead lead = lead(s, 0);
        int i = lead.digits();
        boolean neg = lead.negative();
        Parsed p = strtoulBase0(s, i);
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
        Lead lead = lead(s, start);
        int i = lead.digits();
        boolean neg = lead.negative();
        Parsed p = strtoul(s, i, 10);
        if (p == null) {
            return null;
        }
        return neg && p.value() != 0 ? new Parsed(Long.MAX_VALUE, p.end()) : p;
    }

    /** Where the digits start after C's leading blanks and optional sign. */
    private record Lead(int digits, boolean negative) {
    }

    private static Lead lead(String s, int start) {
        int i = start;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = i < s.length() && s.charAt(i) == '-';
        if (i < s.length() && (s.charAt(i) == '+' || neg)) {
            i++;
        }
        return new Lead(i, neg);
    }

    /**
     * Base 0's digits at {@code i}: "0x" before a hex digit means hex, a leading 0 octal,
     * else decimal ("0x" without a hex digit after it is the number 0, ending at the x).
     */
    private static Parsed strtoulBase0(String s, int i) {
        if ((s.startsWith("0x", i) || s.startsWith("0X", i)) && i + 2 < s.length()
                && Character.digit(s.charAt(i + 2), 16) >= 0) {
            return strtoul(s, i + 2, 16);
        }
        return strtoul(s, i, i < s.length() && s.charAt(i) == '0' ? 8 : 10);
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
        Lead lead = lead(s, start);
        int i = lead.digits();
        boolean neg = lead.negative();
        Parsed p = strtoulBase0(s, i);
        if (p == null) {
            return null;
        }
        int v = (int) p.value();
        return new Parsed(neg ? -v : v, p.end());
    }
}
