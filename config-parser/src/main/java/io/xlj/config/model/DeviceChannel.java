package io.xlj.config.model;

import static io.xlj.config.model.JsonFields.integer;
import static io.xlj.config.model.JsonFields.string;

import io.xlj.config.json.YajlWriter;

/**
 * libxl_device_channel. The keyed union u is keyed by {@code connection}; its JSON member
 * is "connection.unknown", "connection.pty" (both empty maps) or "connection.socket"
 * ({@code path}).
 */
public record DeviceChannel(long backendDomid, String backendDomname, int devid, String name,
                            ChannelConnection connection, String socketPath) implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        integer(w, "backend_domid", backendDomid);
        string(w, "backend_domname", backendDomname);
        integer(w, "devid", devid, -1);
        string(w, "name", name);
        w.key("connection." + connection.libxlName()).beginObject();
        if (connection == ChannelConnection.SOCKET) {
            string(w, "path", socketPath);
        }
        w.endObject();
        w.endObject();
    }
}
