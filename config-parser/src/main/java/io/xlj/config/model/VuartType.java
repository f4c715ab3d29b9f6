package io.xlj.config.model;

/** libxl_vuart_type (libxl_types.idl): C values and libxl strings. */
public enum VuartType implements LibxlEnum {
    UNKNOWN(0, "unknown"),
    SBSA_UART(1, "sbsa_uart");

    private final int value;
    private final String libxlName;

    VuartType(int value, String libxlName) {
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

    public static VuartType fromString(String s) {
        return LibxlEnums.fromString(VuartType.class, s);
    }

    public static VuartType fromValue(long v) {
        return LibxlEnums.fromValue(VuartType.class, v);
    }
}
