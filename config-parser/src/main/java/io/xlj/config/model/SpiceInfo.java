package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_spice_info (b_info.u.hvm.spice). */
public record SpiceInfo(Defbool enable, int port, int tlsPort, String host, Defbool disableTicketing,
                        String passwd, Defbool agentMouse, Defbool vdagent, Defbool clipboardSharing,
                        int usbredirection, String imageCompression, String streamingVideo)
        implements LibxlJson.Writable {

    public static final SpiceInfo DEFAULT = new SpiceInfo(Defbool.DEFAULT, 0, 0, null, Defbool.DEFAULT,
            null, Defbool.DEFAULT, Defbool.DEFAULT, Defbool.DEFAULT, 0, null, null);

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        LibxlJson.defbool(w, "enable", enable);
        LibxlJson.integer(w, "port", port, 0);
        LibxlJson.integer(w, "tls_port", tlsPort, 0);
        LibxlJson.string(w, "host", host);
        LibxlJson.defbool(w, "disable_ticketing", disableTicketing);
        LibxlJson.string(w, "passwd", passwd);
        LibxlJson.defbool(w, "agent_mouse", agentMouse);
        LibxlJson.defbool(w, "vdagent", vdagent);
        LibxlJson.defbool(w, "clipboard_sharing", clipboardSharing);
        LibxlJson.integer(w, "usbredirection", usbredirection, 0);
        LibxlJson.string(w, "image_compression", imageCompression);
        LibxlJson.string(w, "streaming_video", streamingVideo);
        w.endObject();
    }
}
