package io.xlj.config.model;

/**
 * libxl_defbool: a boolean that remembers whether it was ever set. In JSON it is the
 * string "True" or "False" and is omitted while at its default.
 */
public enum Defbool {
    DEFAULT("<default>"),
    TRUE("True"),
    FALSE("False");

    private final String text;

    Defbool(String text) {
        this.text = text;
    }

    public static Defbool of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public boolean isDefault() {
        return this == DEFAULT;
    }

    /** libxl_defbool_val: the value, or {@code dflt} while at the default. */
    public boolean valueOr(boolean dflt) {
        return this == DEFAULT ? dflt : this == TRUE;
    }

    /** libxl_defbool_to_string. */
    public String text() {
        return text;
    }
}
