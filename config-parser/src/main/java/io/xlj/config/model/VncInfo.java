package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_vnc_info: used by HVM guests (b_info.u.hvm.vnc) and by vfb devices. */
public record VncInfo(Defbool enable, String listen, String passwd, int display, Defbool findunused)
        implements LibxlJson.Writable {

    public static final VncInfo DEFAULT = new VncInfo(Defbool.DEFAULT, null, null, 0, Defbool.DEFAULT);

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        LibxlJson.defbool(w, "enable", enable);
        LibxlJson.string(w, "listen", listen);
        LibxlJson.string(w, "passwd", passwd);
        LibxlJson.integer(w, "display", display, 0);
        LibxlJson.defbool(w, "findunused", findunused);
        w.endObject();
    }
}
