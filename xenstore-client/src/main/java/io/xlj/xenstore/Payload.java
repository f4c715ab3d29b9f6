package io.xlj.xenstore;

import java.nio.charset.StandardCharsets;

/** Builds request payloads: NUL-terminated strings, optionally followed by raw bytes. */
final class Payload {
    private Payload() {
    }

    /** Each string NUL-terminated, e.g. {@code path|token|}. */
    static byte[] strings(String... parts) {
        int len = 0;
        byte[][] enc = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            enc[i] = parts[i].getBytes(StandardCharsets.UTF_8);
            len += enc[i].length + 1;
        }
        byte[] out = new byte[len];
        int pos = 0;
        for (byte[] e : enc) {
            System.arraycopy(e, 0, out, pos, e.length);
            pos += e.length + 1;
        }
        return out;
    }

    /** {@code path|} followed by raw bytes without a terminator, as WRITE wants. */
    static byte[] pathAndValue(String path, byte[] value) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[p.length + 1 + value.length];
        System.arraycopy(p, 0, out, 0, p.length);
        System.arraycopy(value, 0, out, p.length + 1, value.length);
        return out;
    }
}
