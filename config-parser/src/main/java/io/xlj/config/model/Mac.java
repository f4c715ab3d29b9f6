package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/**
 * libxl_mac: six bytes, printed as {@code xx:xx:xx:xx:xx:xx} in lower-case hex; all zero
 * is the default (omitted from JSON).
 *
 * @param value the 48-bit address, first octet in the most significant position
 */
public record Mac(long value) implements LibxlJson {

    public static final Mac ZERO = new Mac(0);

    public Mac {
        if ((value & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits");
        }
    }

    public static Mac of(int[] octets) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (octets[i] & 0xff);
        }
        return new Mac(v);
    }

    public int octet(int i) {
        return (int) (value >>> (8 * (5 - i))) & 0xff;
    }

    public boolean isZero() {
        return value == 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            int o = octet(i);
            sb.append(Character.forDigit(o >> 4, 16)).append(Character.forDigit(o & 0xf, 16));
        }
        return sb.toString();
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.value(toString());
    }
}
