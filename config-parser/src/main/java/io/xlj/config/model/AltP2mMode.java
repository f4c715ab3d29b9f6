package io.xlj.config.model;

/** libxl_altp2m_mode (libxl_types.idl): C values and libxl strings. */
public enum AltP2mMode implements LibxlEnum {
    DISABLED(0, "disabled"),
    MIXED(1, "mixed"),
    EXTERNAL(2, "external"),
    LIMITED(3, "limited");

    private final int value;
    private final String libxlName;

    AltP2mMode(int value, String libxlName) {
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

    public static AltP2mMode fromString(String s) {
        return LibxlEnums.fromString(AltP2mMode.class, s);
    }

    public static AltP2mMode fromValue(long v) {
        return LibxlEnums.fromValue(AltP2mMode.class, v);
    }
}
