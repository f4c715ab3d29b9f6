package io.xlj.config;

/**
 * glibc's strtol/strtoul in the C locale, because xl converts every number in
 * a config file with them and their quirks are visible: base 0 means
 * {@code 0x} hex or leading-{@code 0} octal ({@code 010} is 8, {@code 08} stops
 * after the 0), leading blanks and a sign are accepted, overflow clamps and
 * reports ERANGE, and {@code end} tells how far the digits went.
 */
public final class CNumbers {
    private CNumbers() {}

    /** Result of a conversion: the value, the index just after the last digit used (0 when none), and errno. */
    public record Parsed(long value, int end, int errno) {}

    public static Parsed strtol(String s, int base) {
        return convert(s, base, true);
    }

    /** strtoul: the value is an unsigned 64-bit long (compare with Long.compareUnsigned). */
    public static Parsed strtoul(String s, int base) {
        return convert(s, base, false);
    }

    /** C isspace() in the C locale. */
    public static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'z') return c - 'a' + 10;
        if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
        return 99;
    }

    private static Parsed convert(String s, int base, boolean signed) {
        int n = s.length();
        int i = 0;
        while (i < n && isSpace(s.charAt(i))) i++;
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if ((base == 0 || base == 16) && i + 1 < n && s.charAt(i) == '0'
                && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < n && digit(s.charAt(i + 2)) < 16) {
            i += 2;
            base = 16;
        } else if (base == 0) {
            base = (i < n && s.charAt(i) == '0') ? 8 : 10;
        }
        int start = i;
        // Accumulate as unsigned 64-bit; remember overflow.
        long acc = 0;
        boolean overflow = false;
        while (i < n) {
            int d = digit(s.charAt(i));
            if (d >= base) break;
            if (!overflow) {
                long hi = Math.multiplyHigh(acc, base) + ((acc >> 63) & base);
                long mul = acc * base;
                long sum = mul + d;
                boolean carry = Long.compareUnsigned(sum, mul) < 0;
                if (hi != 0 || carry) overflow = true;
                else acc = sum;
            }
            i++;
        }
        if (i == start) return new Parsed(0, 0, 0);
        if (signed) {
            if (overflow) return new Parsed(negative ? Long.MIN_VALUE : Long.MAX_VALUE, i, Errno.ERANGE);
            if (negative) {
                if (Long.compareUnsigned(acc, Long.MIN_VALUE) > 0) return new Parsed(Long.MIN_VALUE, i, Errno.ERANGE);
                return new Parsed(-acc, i, 0);
            }
            if (acc < 0) return new Parsed(Long.MAX_VALUE, i, Errno.ERANGE);
            return new Parsed(acc, i, 0);
        }
        if (overflow) return new Parsed(-1L, i, Errno.ERANGE);
        return new Parsed(negative ? -acc : acc, i, 0);
    }
}
