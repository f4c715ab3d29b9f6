package io.xlj.config.model;

/** libxl_rdm_reserve_policy (libxl_types.idl): C values and libxl strings. */
public enum RdmReservePolicy implements LibxlEnum {
    INVALID(-1, "invalid"),
    STRICT(0, "strict"),
    RELAXED(1, "relaxed");

    private final int value;
    private final String libxlName;

    RdmReservePolicy(int value, String libxlName) {
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

    public static RdmReservePolicy fromString(String s) {
        return LibxlEnums.fromString(RdmReservePolicy.class, s);
    }

    public static RdmReservePolicy fromValue(long v) {
        return LibxlEnums.fromValue(RdmReservePolicy.class, v);
    }
}
