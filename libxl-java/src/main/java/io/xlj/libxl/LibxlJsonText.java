package io.xlj.libxl;

import com.fasterxml.jackson.databind.JsonNode;
import io.xlj.config.json.YajlWriter;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A JSON tree written back as libxl's yajl generator prints it (see {@link YajlWriter}). */
public final class LibxlJsonText {

    private LibxlJsonText() {
    }

    /**
     * xl list -l's document: an array of {@code {"domid": N, "config": CONFIG}}, yajl text
     * with its final newline (xl's puts() adds one more).
     */
    public static String domainList(List<Map.Entry<Integer, JsonNode>> configs) {
        YajlWriter w = new YajlWriter();
        w.beginArray();
        for (var c : configs) {
            w.beginObject();
            w.key("domid").value(c.getKey());
            w.key("config");
            write(w, c.getValue());
            w.endObject();
        }
        w.endArray();
        return w.toString();
    }

    /** Writes a libxl JSON tree the way libxl's yajl generator does (no floats exist there). */
    public static void write(YajlWriter w, JsonNode n) {
        if (n.isObject()) {
            w.beginObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                w.key(e.getKey());
                write(w, e.getValue());
            }
            w.endObject();
        } else if (n.isArray()) {
            w.beginArray();
            for (JsonNode e : n) {
                write(w, e);
            }
            w.endArray();
        } else if (n.isTextual()) {
            w.value(n.textValue());
        } else if (n.isBoolean()) {
            w.value(n.booleanValue());
        } else if (n.isNull()) {
            w.nullValue();
        } else if (n.isBigInteger()) {
            BigInteger b = n.bigIntegerValue();
            w.unsignedValue(b.longValue());
        } else if (n.isIntegralNumber()) {
            w.value(n.longValue());
        } else {
            throw new IllegalArgumentException("libxl JSON holds no " + n.getNodeType() + ": " + n);
        }
    }
}
