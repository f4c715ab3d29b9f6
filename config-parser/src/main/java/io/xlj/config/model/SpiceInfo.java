package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_spice_info (b_info.u.hvm.spice). */
public record SpiceInfo(Defbool enable, int port, int tlsPort, String host, Defbool disableTicketing,
                        String passwd, Defbool agentMouse, Defbool vdagent, Defbool clipboardSharing,
                        int usbredirection, String imageCompression, String streamingVideo)
        implements LibxlJson {

    public static final SpiceInfo DEFAULT = new SpiceInfo(Defbool.DEFAULT, 0, 0, null, Defbool.DEFAULT,
            null, Defbool.DEFAULT, Defbool.DEFAULT, Defbool.DEFAULT, 0, null, null);

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        IdlJson.defbool(w, "enable", enable);
        IdlJson.integer(w, "port", port, 0);
        IdlJson.integer(w, "tls_port", tlsPort, 0);
        IdlJson.string(w, "host", host);
        IdlJson.defbool(w, "disable_ticketing", disableTicketing);
        IdlJson.string(w, "passwd", passwd);
        IdlJson.defbool(w, "agent_mouse", agentMouse);
        IdlJson.defbool(w, "vdagent", vdagent);
        IdlJson.defbool(w, "clipboard_sharing", clipboardSharing);
        IdlJson.integer(w, "usbredirection", usbredirection, 0);
        IdlJson.string(w, "image_compression", imageCompression);
        IdlJson.string(w, "streaming_video", streamingVideo);
        w.endObject();
    }
}
