package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/**
 * libxl_device_vtpm.
 *
 * @param uuid lower-case canonical text, or null for the nil uuid (omitted from JSON)
 */
public record DeviceVtpm(long backendDomid, String backendDomname, int devid, String uuid)
        implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        JsonFields.integer(w, "backend_domid", backendDomid);
        JsonFields.string(w, "backend_domname", backendDomname);
        JsonFields.integer(w, "devid", devid, -1);
        JsonFields.string(w, "uuid", uuid);
        w.endObject();
    }
}
