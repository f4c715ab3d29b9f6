package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;
import java.util.List;

/** libxl_device_vsnd (a virtual sound card). */
public record DeviceVsnd(long backendDomid, String backendDomname, int devid, String shortName,
                         String longName, VsndParams params, List<VsndPcm> pcms) implements LibxlJson {

    public DeviceVsnd {
        pcms = List.copyOf(pcms);
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        JsonFields.integer(w, "backend_domid", backendDomid);
        JsonFields.string(w, "backend_domname", backendDomname);
        JsonFields.integer(w, "devid", devid, -1);
        JsonFields.string(w, "short_name", shortName);
        JsonFields.string(w, "long_name", longName);
        JsonFields.object(w, "params", params);
        if (!pcms.isEmpty()) {
            w.key("pcms").beginArray();
            for (VsndPcm p : pcms) {
                p.writeJson(w);
            }
            w.endArray();
        }
        w.endObject();
    }
}
