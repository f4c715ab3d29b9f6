package io.xlj.config.model;

/** libxl_gfx_passthru_kind (libxl_types.idl): C values and libxl strings. */
public enum GfxPassthruKind implements LibxlEnum {
    DEFAULT(0, "default"),
    IGD(1, "igd");

    private final int value;
    private final String libxlName;

    GfxPassthruKind(int value, String libxlName) {
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

    public static GfxPassthruKind fromString(String s) {
        return LibxlEnums.fromString(GfxPassthruKind.class, s);
    }

    public static GfxPassthruKind fromValue(long v) {
        return LibxlEnums.fromValue(GfxPassthruKind.class, v);
    }
}
