package io.xlj.config.model;

import static io.xlj.config.model.JsonFields.integer;
import static io.xlj.config.model.JsonFields.string;

import io.xlj.config.json.YajlWriter;

/** libxl_device_vtpm. uuid is the lower-case text form, or null for the nil uuid (omitted). */
public record DeviceVtpm(long backendDomid, String backendDomname, int devid, String uuid)
        implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        integer(w, "backend_domid", backendDomid);
        string(w, "backend_domname", backendDomname);
        integer(w, "devid", devid, -1);
        string(w, "uuid", uuid);
        w.endObject();
    }
}
