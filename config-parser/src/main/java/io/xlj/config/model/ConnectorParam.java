package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_connector_param (one vdispl connector); width and height are uint32. */
public record ConnectorParam(String uniqueId, long width, long height) implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        JsonFields.string(w, "unique_id", uniqueId);
        JsonFields.integer(w, "width", width);
        JsonFields.integer(w, "height", height);
        w.endObject();
    }
}
