package io.xlj.config.model;

/** libxl_vga_interface_type (libxl_types.idl): C values and libxl strings. */
public enum VgaInterfaceType implements LibxlEnum {
    UNKNOWN(0, "unknown"),
    CIRRUS(1, "cirrus"),
    STD(2, "std"),
    NONE(3, "none"),
    QXL(4, "qxl");

    private final int value;
    private final String libxlName;

    VgaInterfaceType(int value, String libxlName) {
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

    public static VgaInterfaceType fromString(String s) {
        return LibxlEnums.fromString(VgaInterfaceType.class, s);
    }

    public static VgaInterfaceType fromValue(long v) {
        return LibxlEnums.fromValue(VgaInterfaceType.class, v);
    }
}
