package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_device_pvcallsif. */
public record DevicePvcallsif(long backendDomid, String backendDomname, int devid) implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        JsonFields.integer(w, "backend_domid", backendDomid);
        JsonFields.string(w, "backend_domname", backendDomname);
        JsonFields.integer(w, "devid", devid, -1);
        w.endObject();
    }
}
