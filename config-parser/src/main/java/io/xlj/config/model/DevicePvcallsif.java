package io.xlj.config.model;

import static io.xlj.config.model.JsonFields.integer;
import static io.xlj.config.model.JsonFields.string;

import io.xlj.config.json.YajlWriter;

/** libxl_device_pvcallsif: a PV calls interface. */
public record DevicePvcallsif(long backendDomid, String backendDomname, int devid) implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        integer(w, "backend_domid", backendDomid);
        string(w, "backend_domname", backendDomname);
        integer(w, "devid", devid, -1);
        w.endObject();
    }
}
