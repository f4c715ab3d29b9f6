package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;
import java.util.List;

/** libxl_device_vdispl; {@code connectors} is printed only when non-empty. */
public record DeviceVdispl(long backendDomid, String backendDomname, int devid, boolean beAlloc,
                           List<ConnectorParam> connectors) implements LibxlJson {

    public DeviceVdispl {
        connectors = List.copyOf(connectors);
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        JsonFields.integer(w, "backend_domid", backendDomid);
        JsonFields.string(w, "backend_domname", backendDomname);
        JsonFields.integer(w, "devid", devid, -1);
        JsonFields.bool(w, "be_alloc", beAlloc);
        if (!connectors.isEmpty()) {
            w.key("connectors").beginArray();
            for (ConnectorParam c : connectors) {
                c.writeJson(w);
            }
            w.endArray();
        }
        w.endObject();
    }
}
