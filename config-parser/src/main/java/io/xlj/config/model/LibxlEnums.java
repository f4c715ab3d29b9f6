package io.xlj.config.model;

/** The generated *_from_string and value lookups for {@link LibxlEnum} types. */
public final class LibxlEnums {

    private LibxlEnums() {
    }

    /**
     * libxl_*_from_string: a case-insensitive match of the libxl name (libxl__enum_from_string
     * uses strcasecmp); null when nothing matches.
     */
    public static <E extends Enum<E> & LibxlEnum> E fromString(Class<E> type, String s) {
        for (E e : type.getEnumConstants()) {
            if (asciiEqualsIgnoreCase(e.libxlName(), s)) {
                return e;
            }
        }
        return null;
    }

    /** The constant with this C value, or null when the value has no name. */
    public static <E extends Enum<E> & LibxlEnum> E fromValue(Class<E> type, long v) {
        for (E e : type.getEnumConstants()) {
            if (e.value() == v) {
                return e;
            }
        }
        return null;
    }

    /** strcasecmp in the C locale: only ASCII letters fold. */
    static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && fold(x) != fold(y)) {
                return false;
            }
        }
        return true;
    }

    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
