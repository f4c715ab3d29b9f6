package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_device_dtdev: a device-tree node passed through (ARM). */
public record DeviceDtdev(String path) implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        JsonFields.string(w, "path", path);
        w.endObject();
    }
}
