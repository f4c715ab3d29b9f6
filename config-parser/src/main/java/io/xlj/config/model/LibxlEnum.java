package io.xlj.config.model;

/**
 * An enumeration from libxl_types.idl: its C value and its libxl string (the IDL name in
 * lower case, as the generated *_to_string returns it and JSON prints it).
 */
public interface LibxlEnum {
    int value();

    String libxlName();

    /**
     * The generated *_from_string: case-insensitive match of the libxl name
     * (libxl__enum_from_string uses strcasecmp); null when nothing matches.
     */
    static <E extends Enum<E> & LibxlEnum> E fromString(Class<E> type, String s) {
        for (E e : type.getEnumConstants()) {
            if (e.libxlName().equalsIgnoreCase(s)) {
                return e;
            }
        }
        return null;
    }

    /** The generated *_to_string for a raw C value: null when the value has no name. */
    static <E extends Enum<E> & LibxlEnum> E fromValue(Class<E> type, long v) {
        for (E e : type.getEnumConstants()) {
            if (e.value() == v) {
                return e;
            }
        }
        return null;
    }
}
