package io.xlj.config.model;

import static io.xlj.config.model.JsonFields.integer;
import static io.xlj.config.model.JsonFields.string;

import io.xlj.config.json.YajlWriter;

/** libxl_device_p9: a 9pfs share. */
public record DeviceP9(long backendDomid, String backendDomname, String tag, String path,
                       String securityModel, int devid) implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        integer(w, "backend_domid", backendDomid);
        string(w, "backend_domname", backendDomname);
        string(w, "tag", tag);
        string(w, "path", path);
        string(w, "security_model", securityModel);
        integer(w, "devid", devid, -1);
        w.endObject();
    }
}
