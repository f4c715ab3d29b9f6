package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_device_p9 (a 9pfs share). */
public record DeviceP9(long backendDomid, String backendDomname, String tag, String path,
                       String securityModel, int devid) implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        JsonFields.integer(w, "backend_domid", backendDomid);
        JsonFields.string(w, "backend_domname", backendDomname);
        JsonFields.string(w, "tag", tag);
        JsonFields.string(w, "path", path);
        JsonFields.string(w, "security_model", securityModel);
        JsonFields.integer(w, "devid", devid, -1);
        w.endObject();
    }
}
