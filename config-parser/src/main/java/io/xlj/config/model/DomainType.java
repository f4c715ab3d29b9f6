package io.xlj.config.model;

/** libxl_domain_type (libxl_types.idl): C values and libxl strings. */
public enum DomainType implements LibxlEnum {
    INVALID(-1, "invalid"),
    HVM(1, "hvm"),
    PV(2, "pv"),
    PVH(3, "pvh");

    private final int value;
    private final String libxlName;

    DomainType(int value, String libxlName) {
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

    public static DomainType fromString(String s) {
        return LibxlEnums.fromString(DomainType.class, s);
    }

    public static DomainType fromValue(long v) {
        return LibxlEnums.fromValue(DomainType.class, v);
    }
}
