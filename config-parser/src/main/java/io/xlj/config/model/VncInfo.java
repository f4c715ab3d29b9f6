package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_vnc_info: used by HVM guests (b_info.u.hvm.vnc) and by vfb devices. */
public record VncInfo(Defbool enable, String listen, String passwd, int display, Defbool findunused)
        implements LibxlJson {

    public static final VncInfo DEFAULT = new VncInfo(Defbool.DEFAULT, null, null, 0, Defbool.DEFAULT);

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        IdlJson.defbool(w, "enable", enable);
        IdlJson.string(w, "listen", listen);
        IdlJson.string(w, "passwd", passwd);
        IdlJson.integer(w, "display", display, 0);
        IdlJson.defbool(w, "findunused", findunused);
        w.endObject();
    }
}
