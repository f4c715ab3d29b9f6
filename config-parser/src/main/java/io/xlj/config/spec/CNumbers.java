package io.xlj.config.spec;

/**
 * glibc's strtoul/strtoull/strtol/atoi on LP64, which xl and libxlutil use to read numbers
 * from specs. The quirks matter for byte-exact behaviour: leading white space and a sign
 * are accepted, base 0 means C prefixes ({@code 0x} hex, {@code 0} octal), a negative
 * number wraps for the unsigned variants, overflow saturates and sets ERANGE, and "no
 * digits" leaves the end pointer at the start.
 */
public final class CNumbers {

    private CNumbers() {
    }

    /**
     * The result of one conversion.
     *
     * @param value  the converted value (for unsigned conversions, the 64-bit pattern)
     * @param end    index of the first unconverted character (endptr)
     * @param erange whether errno would be ERANGE
     */
    public record Result(long value, int end, boolean erange) {
        public boolean noDigits(int start) {
            return end == start;
        }
    }

    /** strtoul / strtoull (identical on LP64). */
    public static Result strtoul(String s, int start, int base) {
        return convert(s, start, base, false);
    }

    public static Result strtoul(String s, int base) {
        return strtoul(s, 0, base);
    }

    /** strtol / strtoll (identical on LP64). */
    public static Result strtol(String s, int start, int base) {
        return convert(s, start, base, true);
    }

    public static Result strtol(String s, int base) {
        return strtol(s, 0, base);
    }

    /** atol / atoi (atoi is this truncated to int): strtol base 10, errors ignored. */
    public static long atol(String s) {
        return strtol(s, 0, 10).value();
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        return 99;
    }

    private static Result convert(String s, int start, int base, boolean signed) {
        int len = s.length();
        int i = start;
        while (i < len && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if ((base == 0 || base == 16) && i + 1 < len && s.charAt(i) == '0'
                && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            if (i + 2 < len && digit(s.charAt(i + 2)) < 16) {
                i += 2;
                base = 16;
            } else {
                // "0x" without hex digits: the "0" is the number, "x..." is left over
                return new Result(0, i + 1, false);
            }
        } else if (base == 0) {
            base = (i < len && s.charAt(i) == '0') ? 8 : 10;
        }
        int digitsStart = i;
        long acc = 0;
        boolean overflow = false;
        while (i < len) {
            int d = digit(s.charAt(i));
            if (d >= base) {
                break;
            }
            if (!overflow) {
                // unsigned 64-bit multiply-add with overflow detection
                long hi = Math.multiplyHigh(acc, base) + ((acc >> 63) & base);
                long lo = acc * base;
                long sum = lo + d;
                boolean carry = Long.compareUnsigned(sum, lo) < 0;
                if (hi != 0 || carry) {
                    overflow = true;
                } else {
                    acc = sum;
                }
            }
            i++;
        }
        if (i == digitsStart) {
            return new Result(0, start, false);
        }
        if (signed) {
            if (overflow || (!negative && Long.compareUnsigned(acc, Long.MAX_VALUE) > 0)) {
                return new Result(negative ? Long.MIN_VALUE : Long.MAX_VALUE, i, true);
            }
            if (negative && Long.compareUnsigned(acc, Long.MIN_VALUE) > 0) {
                return new Result(Long.MIN_VALUE, i, true);
            }
            return new Result(negative ? -acc : acc, i, false);
        }
        if (overflow) {
            return new Result(-1L, i, true);
        }
        return new Result(negative ? -acc : acc, i, false);
    }
}
