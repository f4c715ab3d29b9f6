package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_device_usbctrl. */
public record DeviceUsbctrl(UsbctrlType type, int devid, int version, int ports, long backendDomid,
                            String backendDomname) implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        JsonFields.enumeration(w, "type", type);
        JsonFields.integer(w, "devid", devid, -1);
        JsonFields.integer(w, "version", version);
        JsonFields.integer(w, "ports", ports);
        JsonFields.integer(w, "backend_domid", backendDomid);
        JsonFields.string(w, "backend_domname", backendDomname);
        w.endObject();
    }
}
