package io.xlj.config.model;

/** libxl_passthrough (libxl_types.idl): C values and libxl strings. */
public enum Passthrough implements LibxlEnum {
    DEFAULT(0, "default"),
    DISABLED(1, "disabled"),
    ENABLED(2, "enabled"),
    SYNC_PT(3, "sync_pt"),
    SHARE_PT(4, "share_pt");

    private final int value;
    private final String libxlName;

    Passthrough(int value, String libxlName) {
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

    public static Passthrough fromString(String s) {
        return LibxlEnums.fromString(Passthrough.class, s);
    }

    public static Passthrough fromValue(long v) {
        return LibxlEnums.fromValue(Passthrough.class, v);
    }
}
