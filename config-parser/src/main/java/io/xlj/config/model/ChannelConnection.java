package io.xlj.config.model;

/** libxl_channel_connection (libxl_types.idl). */
public enum ChannelConnection implements LibxlEnum {
    UNKNOWN(0),
    PTY(1),
    SOCKET(2);

    private final int value;

    ChannelConnection(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    @Override
    public String libxlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
