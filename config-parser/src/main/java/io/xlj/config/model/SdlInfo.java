package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_sdl_info: used by HVM guests (b_info.u.hvm.sdl) and by vfb devices. */
public record SdlInfo(Defbool enable, Defbool opengl, String display, String xauthority)
        implements LibxlJson {

    public static final SdlInfo DEFAULT = new SdlInfo(Defbool.DEFAULT, Defbool.DEFAULT, null, null);

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        IdlJson.defbool(w, "enable", enable);
        IdlJson.defbool(w, "opengl", opengl);
        IdlJson.string(w, "display", display);
        IdlJson.string(w, "xauthority", xauthority);
        w.endObject();
    }
}
