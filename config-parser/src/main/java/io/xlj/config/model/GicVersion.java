package io.xlj.config.model;

/** libxl_gic_version (libxl_types.idl): C values and libxl strings. */
public enum GicVersion implements LibxlEnum {
    DEFAULT(0, "default"),
    V2(0x20, "v2"),
    V3(0x30, "v3");

    private final int value;
    private final String libxlName;

    GicVersion(int value, String libxlName) {
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

    public static GicVersion fromString(String s) {
        return LibxlEnums.fromString(GicVersion.class, s);
    }

    public static GicVersion fromValue(long v) {
        return LibxlEnums.fromValue(GicVersion.class, v);
    }
}
