package io.xlj.config.spec;

import io.xlj.config.model.ChannelConnection;
import io.xlj.config.model.DeviceChannel;

/** One item of {@code channel=[...]} as xl 4.17's parse_config_data reads it. */
public final class ChannelSpecParser {

    private ChannelSpecParser() {
    }

    /**
     * @param devid the item's position in the list (xl's ARRAY_EXTEND_INIT)
     * @throws SpecException where xl exits, after its message
     */
    public static DeviceChannel parse(String spec, int devid, Diagnostics diag) {
        String backend = null;
        String name = null;
        String path = null;
        ChannelConnection connection = ChannelConnection.UNKNOWN;
        for (String pair : CStrings.strtok(spec, ",")) {
            String[] kv = CStrings.splitPair(pair, "=");
            if (kv == null) {
                diag.print("failed to parse channel configuration: " + pair);
                throw new SpecException("failed to parse channel configuration: " + pair);
            }
            String key = CStrings.trimSpace(kv[0]);
            String value = CStrings.trimSpace(kv[1]);
            switch (key) {
                case "backend" -> backend = value;
                case "name" -> name = value;
                case "path" -> path = value;
                case "connection" -> {
                    if (value.equals("pty")) {
                        connection = ChannelConnection.PTY;
                    } else if (value.equals("socket")) {
                        connection = ChannelConnection.SOCKET;
                    } else {
                        diag.print("unknown channel connection '" + value + "'\n");
                        throw new SpecException("unknown channel connection '" + value + "'");
                    }
                }
                default -> diag.print("unknown channel parameter '" + key + "', ignoring\n");
            }
        }
        switch (connection) {
            case UNKNOWN -> {
                diag.print("channel has unknown 'connection'\n");
                throw new SpecException("channel has unknown 'connection'");
            }
            case SOCKET -> {
                if (path == null) {
                    diag.print("channel connection 'socket' requires path=..\n");
                    throw new SpecException("channel connection 'socket' requires path=..");
                }
            }
            default -> path = null;
        }
        return new DeviceChannel(0, backend, devid, name, connection, path);
    }
}
