package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/**
 * The field rules of gentypes.py's generated {@code *_gen_json}: a field is written only
 * when it differs from its IDL default (non-NULL string, non-zero number, non-default
 * defbool, enum different from its init value).
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static void string(YajlWriter w, String key, String value) {
        if (value != null) {
            w.key(key).value(value);
        }
    }

    public static void integer(YajlWriter w, String key, long value) {
        if (value != 0) {
            w.key(key).value(value);
        }
    }

    /** An unsigned 64-bit field (libxl__uint64_gen_json). */
    public static void uint64(YajlWriter w, String key, long value) {
        if (value != 0) {
            w.key(key).unsignedValue(value);
        }
    }

    /** An integer field whose IDL init value is {@code init} (e.g. devid -1). */
    public static void integer(YajlWriter w, String key, long value, long init) {
        if (value != init) {
            w.key(key).value(value);
        }
    }

    public static void bool(YajlWriter w, String key, boolean value) {
        if (value) {
            w.key(key).value(true);
        }
    }

    public static void defbool(YajlWriter w, String key, Defbool value) {
        if (value != null && !value.isDefault()) {
            w.key(key).value(value.text());
        }
    }

    /** An enum field written unless it equals {@code init} (the IDL init value, or 0). */
    public static void enumeration(YajlWriter w, String key, LibxlEnum value, int init) {
        if (value != null && value.value() != init) {
            w.key(key);
            if (value.libxlName() == null) {
                w.nullValue();
            } else {
                w.value(value.libxlName());
            }
        }
    }

    public static void enumeration(YajlWriter w, String key, LibxlEnum value) {
        enumeration(w, key, value, 0);
    }

    public static void object(YajlWriter w, String key, LibxlJson value) {
        w.key(key);
        value.writeJson(w);
    }
}
