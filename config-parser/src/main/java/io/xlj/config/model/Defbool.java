package io.xlj.config.model;

/**
 * libxl_defbool: a boolean that also remembers "not set", so that libxl can pick the
 * default later. Its JSON is the string "True" or "False"; the unset value is never
 * printed, because generated *_gen_json omits a defbool at its default.
 */
public enum Defbool {
    DEFAULT("<default>"),
    TRUE("True"),
    FALSE("False");

    private final String text;

    Defbool(String text) {
        this.text = text;
    }

    /** libxl_defbool_set: C's truth, any non-zero value is true. */
    public static Defbool of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public static Defbool of(long l) {
        return l != 0 ? TRUE : FALSE;
    }

    public boolean isDefault() {
        return this == DEFAULT;
    }

    /** libxl_defbool_to_string. */
    public String text() {
        return text;
    }
}
