package io.xlj.config.model;

import static io.xlj.config.model.JsonFields.enumeration;
import static io.xlj.config.model.JsonFields.integer;
import static io.xlj.config.model.JsonFields.string;

import io.xlj.config.json.YajlWriter;

/** libxl_device_usbctrl. */
public record DeviceUsbctrl(UsbctrlType type, int devid, int version, int ports, long backendDomid,
                            String backendDomname) implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        enumeration(w, "type", type);
        integer(w, "devid", devid, -1);
        integer(w, "version", version);
        integer(w, "ports", ports);
        integer(w, "backend_domid", backendDomid);
        string(w, "backend_domname", backendDomname);
        w.endObject();
    }
}
