package io.xlj.xenstore;

import java.nio.charset.StandardCharsets;

final class Strings {
    private Strings() {
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        if (s == null) {
            throw new XenstoreException("EINVAL", "WRITE", null, "value is null (refused before sending)");
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
