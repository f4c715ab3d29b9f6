package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The member rules of libxl's generated *_gen_json (gentypes.py), one method per kind
 * of IDL field. A member is written only when it differs from its default:
 * <ul>
 *   <li>a field with an init_val (its own or its type's) when it differs from it;
 *   <li>a builtin with a check_default_fn (string, defbool, bitmap, lists, uuid…)
 *       when that function says "not default" (NULL string, unset defbool, empty…);
 *   <li>any other number or enumeration when it is non-zero;
 *   <li>a struct or keyed union always; an array when it has elements.
 * </ul>
 */
public final class IdlJson {

    /** LIBXL_MEMKB_DEFAULT and other all-ones uint64 defaults. */
    public static final long U64_DEFAULT = -1L;

    private IdlJson() {
    }

    public static void string(YajlWriter w, String key, String value) {
        if (value != null) {
            w.key(key).value(value);
        }
    }

    public static void defbool(YajlWriter w, String key, Defbool value) {
        if (value != null && !value.isDefault()) {
            w.key(key).value(value.text());
        }
    }

    /** A signed C int or an integer-typed builtin, written when not equal to its default. */
    public static void integer(YajlWriter w, String key, long value, long dflt) {
        if (value != dflt) {
            w.key(key).value(value);
        }
    }

    /** A C uint32 stored in a Java int/long: printed as an unsigned 32-bit number. */
    public static void uint32(YajlWriter w, String key, long value, long dflt) {
        long v = value & 0xffffffffL;
        if (v != (dflt & 0xffffffffL)) {
            w.key(key).value(v);
        }
    }

    /** A C uint64 (MemKB and friends), printed unsigned as libxl__uint64_gen_json does. */
    public static void uint64(YajlWriter w, String key, long value, long dflt) {
        if (value != dflt) {
            w.key(key).unsignedValue(value);
        }
    }

    /** An enumeration field: written as its libxl name when it differs from the default. */
    public static void enumeration(YajlWriter w, String key, LibxlEnum value, LibxlEnum dflt) {
        if (value != null && value != dflt) {
            w.key(key).value(value.libxlName());
        }
    }

    /** A libxl_bitmap: the indexes of its set bits; omitted when no bit is set. */
    public static void bitmap(YajlWriter w, String key, BitSet value) {
        if (value != null && !value.isEmpty()) {
            w.key(key);
            bitmapValue(w, value);
        }
    }

    public static void bitmapValue(YajlWriter w, BitSet value) {
        w.beginArray();
        for (int i = value.nextSetBit(0); i >= 0; i = value.nextSetBit(i + 1)) {
            w.value(i);
        }
        w.endArray();
    }

    /** A libxl_string_list: omitted when NULL or empty. */
    public static void stringList(YajlWriter w, String key, List<String> value) {
        if (value != null && !value.isEmpty()) {
            w.key(key).beginArray();
            for (String s : value) {
                w.value(s);
            }
            w.endArray();
        }
    }

    /** A libxl_key_value_list: omitted when empty; a null value prints as null. */
    public static void keyValueList(YajlWriter w, String key, Map<String, String> value) {
        if (value != null && !value.isEmpty()) {
            w.key(key).beginObject();
            value.forEach((k, v) -> {
                w.key(k);
                if (v == null) {
                    w.nullValue();
                } else {
                    w.value(v);
                }
            });
            w.endObject();
        }
    }

    /** An IDL Array of structs: omitted when empty. */
    public static void array(YajlWriter w, String key, List<? extends LibxlJson> items) {
        if (items != null && !items.isEmpty()) {
            w.key(key).beginArray();
            for (LibxlJson item : items) {
                item.writeJson(w);
            }
            w.endArray();
        }
    }

    /** An IDL Array of uint32: omitted when empty. */
    public static void uint32Array(YajlWriter w, String key, List<Long> items) {
        if (items != null && !items.isEmpty()) {
            w.key(key).beginArray();
            for (long v : items) {
                w.value(v & 0xffffffffL);
            }
            w.endArray();
        }
    }

    /** An IDL Array of bitmaps (vcpu affinity): omitted when empty; empty maps print []. */
    public static void bitmapArray(YajlWriter w, String key, List<BitSet> items) {
        if (items != null && !items.isEmpty()) {
            w.key(key).beginArray();
            for (BitSet b : items) {
                bitmapValue(w, b);
            }
            w.endArray();
        }
    }
}
