package io.xlj.config.xlparse;

import io.xlj.config.XlConfig;
import io.xlj.config.model.Defbool;
import io.xlj.config.model.SdlInfo;
import io.xlj.config.model.VncInfo;

/** parse_top_level_vnc_options and parse_top_level_sdl_options. */
final class VncOptions {

    private VncOptions() {
    }

    static VncInfo vnc(XlConfig config, VncInfo v) {
        Defbool enable = Getters.defbool(config, "vnc", v.enable());
        String listen = config.replaceString("vnclisten", v.listen(), false);
        String passwd = config.replaceString("vncpasswd", v.passwd(), false);
        int display = Getters.intOr(config, "vncdisplay", v.display());
        Defbool findunused = Getters.defbool(config, "vncunused", v.findunused());
        return new VncInfo(enable, listen, passwd, display, findunused);
    }

    static SdlInfo sdl(XlConfig config, SdlInfo s) {
        Defbool enable = Getters.defbool(config, "sdl", s.enable());
        Defbool opengl = Getters.defbool(config, "opengl", s.opengl());
        String display = config.replaceString("display", s.display(), false);
        String xauthority = config.replaceString("xauthority", s.xauthority(), false);
        return new SdlInfo(enable, opengl, display, xauthority);
    }
}
