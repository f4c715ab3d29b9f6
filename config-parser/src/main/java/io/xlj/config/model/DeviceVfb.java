package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_device_vfb; {@code vnc} and {@code sdl} are always printed (aggregates). */
public record DeviceVfb(long backendDomid, String backendDomname, int devid, VncInfo vnc, SdlInfo sdl,
                        String keymap) implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        JsonFields.integer(w, "backend_domid", backendDomid);
        JsonFields.string(w, "backend_domname", backendDomname);
        JsonFields.integer(w, "devid", devid, -1);
        JsonFields.object(w, "vnc", vnc);
        JsonFields.object(w, "sdl", sdl);
        JsonFields.string(w, "keymap", keymap);
        w.endObject();
    }
}
