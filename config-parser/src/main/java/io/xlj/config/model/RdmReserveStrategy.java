package io.xlj.config.model;

/** libxl_rdm_reserve_strategy (libxl_types.idl): C values and libxl strings. */
public enum RdmReserveStrategy implements LibxlEnum {
    IGNORE(0, "ignore"),
    HOST(1, "host");

    private final int value;
    private final String libxlName;

    RdmReserveStrategy(int value, String libxlName) {
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

    public static RdmReserveStrategy fromString(String s) {
        return LibxlEnums.fromString(RdmReserveStrategy.class, s);
    }

    public static RdmReserveStrategy fromValue(long v) {
        return LibxlEnums.fromValue(RdmReserveStrategy.class, v);
    }
}
