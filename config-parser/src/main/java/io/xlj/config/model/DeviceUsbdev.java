package io.xlj.config.model;

import static io.xlj.config.model.JsonFields.integer;

import io.xlj.config.json.YajlWriter;

/**
 * libxl_device_usbdev. The keyed union is keyed by {@code type}; while the type is 0
 * (never set: the enumeration has no such value) libxl prints no union member at all.
 * hostbus and hostaddr are C uint8s.
 *
 * @param type null for the unset type 0
 */
public record DeviceUsbdev(int ctrl, int port, UsbdevType type, int hostbus, int hostaddr)
        implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        integer(w, "ctrl", ctrl, -1);
        integer(w, "port", port);
        if (type == UsbdevType.HOSTDEV) {
            w.key("type.hostdev").beginObject();
            integer(w, "hostbus", hostbus & 0xff);
            integer(w, "hostaddr", hostaddr & 0xff);
            w.endObject();
        }
        w.endObject();
    }
}
