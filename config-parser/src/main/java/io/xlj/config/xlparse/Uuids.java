package io.xlj.config.xlparse;

import java.util.Locale;

/** libuuid's uuid_parse as libxl_uuid_from_string uses it, and libxl's lower-case print form. */
final class Uuids {

    static final String NIL = "00000000-0000-0000-0000-000000000000";

    private Uuids() {
    }

    /** The canonical lower-case form, or null when {@code s} is not exactly 8-4-4-4-12 hex digits. */
    static String parse(String s) {
        if (s.length() != 36) {
            return null;
        }
        for (int i = 0; i < 36; i++) {
            char ch = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (ch != '-') {
                    return null;
                }
            } else if (Character.digit(ch, 16) < 0 || ch > 'f') {
                return null;
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
