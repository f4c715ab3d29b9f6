package io.xlj.config.model;

/** libxl_bios_type (libxl_types.idl): C values and libxl strings. */
public enum BiosType implements LibxlEnum {
    UNKNOWN(0, "unknown"),
    ROMBIOS(1, "rombios"),
    SEABIOS(2, "seabios"),
    OVMF(3, "ovmf");

    private final int value;
    private final String libxlName;

    BiosType(int value, String libxlName) {
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

    public static BiosType fromString(String s) {
        return LibxlEnums.fromString(BiosType.class, s);
    }

    public static BiosType fromValue(long v) {
        return LibxlEnums.fromValue(BiosType.class, v);
    }
}
