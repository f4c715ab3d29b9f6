package io.xlj.config.model;

import static io.xlj.config.model.JsonFields.integer;
import static io.xlj.config.model.JsonFields.string;

import io.xlj.config.json.YajlWriter;

/** libxl_device_vfb: a PV framebuffer with its VNC and SDL settings. */
public record DeviceVfb(long backendDomid, String backendDomname, int devid, VncInfo vnc, SdlInfo sdl,
                        String keymap) implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        integer(w, "backend_domid", backendDomid);
        string(w, "backend_domname", backendDomname);
        integer(w, "devid", devid, -1);
        w.key("vnc");
        vnc.writeJson(w);
        w.key("sdl");
        sdl.writeJson(w);
        string(w, "keymap", keymap);
        w.endObject();
    }
}
