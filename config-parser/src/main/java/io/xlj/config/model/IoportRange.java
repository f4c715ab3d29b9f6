package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_ioport_range: two C uint32s. */
public record IoportRange(long first, long number) implements LibxlJson {
    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        IdlJson.uint32(w, "first", first, 0);
        IdlJson.uint32(w, "number", number, 0);
        w.endObject();
    }
}
