package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/**
 * libxl_device_usbdev. {@code type} is the keyed union's key: 0 after
 * libxl_device_usbdev_init (no member printed) or 1 for hostdev, whose member prints as
 * {@code "type.hostdev": {"hostbus": .., "hostaddr": ..}}.
 *
 * @param hostbus  uint8
 * @param hostaddr uint8
 */
public record DeviceUsbdev(int ctrl, int port, int type, int hostbus, int hostaddr) implements LibxlJson {

    /** libxl_usbdev_type hostdev. */
    public static final int TYPE_HOSTDEV = 1;

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        JsonFields.integer(w, "ctrl", ctrl, -1);
        JsonFields.integer(w, "port", port);
        if (type == TYPE_HOSTDEV) {
            w.key("type.hostdev");
            w.beginObject();
            JsonFields.integer(w, "hostbus", hostbus);
            JsonFields.integer(w, "hostaddr", hostaddr);
            w.endObject();
        }
        w.endObject();
    }
}
