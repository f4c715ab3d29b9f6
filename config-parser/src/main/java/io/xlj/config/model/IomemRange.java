package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_iomem_range: C uint64s; gfn defaults to LIBXL_INVALID_GFN (all ones). */
public record IomemRange(long start, long number, long gfn) implements LibxlJson {

    public static final long INVALID_GFN = -1L;

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        IdlJson.uint64(w, "start", start, 0);
        IdlJson.uint64(w, "number", number, 0);
        IdlJson.uint64(w, "gfn", gfn, INVALID_GFN);
        w.endObject();
    }
}
