package io.xlj.config.model;

/** libxl_hdtype (libxl_types.idl): C values and libxl strings. */
public enum Hdtype implements LibxlEnum {
    IDE(1, "ide"),
    AHCI(2, "ahci");

    private final int value;
    private final String libxlName;

    Hdtype(int value, String libxlName) {
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

    public static Hdtype fromString(String s) {
        return LibxlEnums.fromString(Hdtype.class, s);
    }

    public static Hdtype fromValue(long v) {
        return LibxlEnums.fromValue(Hdtype.class, v);
    }
}
