package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_vsnd_stream. */
public record VsndStream(String uniqueId, VsndStreamType type, VsndParams params) implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        JsonFields.string(w, "unique_id", uniqueId);
        JsonFields.enumeration(w, "type", type);
        JsonFields.object(w, "params", params);
        w.endObject();
    }
}
