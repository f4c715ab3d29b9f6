package io.xlj.config.model;

/** libxl_tee_type (libxl_types.idl): C values and libxl strings. */
public enum TeeType implements LibxlEnum {
    NONE(0, "none"),
    OPTEE(1, "optee");

    private final int value;
    private final String libxlName;

    TeeType(int value, String libxlName) {
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

    public static TeeType fromString(String s) {
        return LibxlEnums.fromString(TeeType.class, s);
    }

    public static TeeType fromValue(long v) {
        return LibxlEnums.fromValue(TeeType.class, v);
    }
}
