package io.xlj.config.model;

/** libxl_channel_connection (libxl_types.idl): C values and libxl strings. */
public enum ChannelConnection implements LibxlEnum {
    UNKNOWN(0, "unknown"),
    PTY(1, "pty"),
    SOCKET(2, "socket");

    private final int value;
    private final String libxlName;

    ChannelConnection(int value, String libxlName) {
        this.value = value;
        this.libxlName = libxlName;
    }

    @Override
    public int value() {
        return value;
    }

    @Override
    public String libxlName() {
        return libxlName;
    }

    public static ChannelConnection fromString(String s) {
        return LibxlEnums.fromString(ChannelConnection.class, s);
    }
}
