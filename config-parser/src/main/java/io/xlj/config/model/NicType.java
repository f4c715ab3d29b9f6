package io.xlj.config.model;

/** libxl_nic_type (libxl_types.idl). */
public enum NicType implements LibxlEnum {
    UNKNOWN(0),
    VIF_IOEMU(1),
    VIF(2);

    private final int value;

    NicType(int value) {
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
