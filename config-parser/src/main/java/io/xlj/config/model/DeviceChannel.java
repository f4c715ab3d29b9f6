package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/**
 * libxl_device_channel. Its keyed union prints as one member named
 * {@code connection.<kind>} holding the kind's struct ({@code {"path": ...}} for a
 * socket, an empty object otherwise), as gentypes.py generates it.
 *
 * @param socketPath the socket's path (u.socket.path); only meaningful for SOCKET
 */
public record DeviceChannel(long backendDomid, String backendDomname, int devid, String name,
                            ChannelConnection connection, String socketPath) implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        JsonFields.integer(w, "backend_domid", backendDomid);
        JsonFields.string(w, "backend_domname", backendDomname);
        JsonFields.integer(w, "devid", devid, -1);
        JsonFields.string(w, "name", name);
        w.key("connection." + connection.libxlName());
        w.beginObject();
        if (connection == ChannelConnection.SOCKET) {
            JsonFields.string(w, "path", socketPath);
        }
        w.endObject();
        w.endObject();
    }
}
