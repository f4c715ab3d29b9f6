package io.xlj.config.model;

/** libxl_scheduler (libxl_types.idl): C values and libxl strings. */
public enum Scheduler implements LibxlEnum {
    UNKNOWN(0, "unknown"),
    SEDF(4, "sedf"),
    CREDIT(5, "credit"),
    CREDIT2(6, "credit2"),
    ARINC653(7, "arinc653"),
    RTDS(8, "rtds"),
    NULL(9, "null");

    private final int value;
    private final String libxlName;

    Scheduler(int value, String libxlName) {
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

    public static Scheduler fromString(String s) {
        return LibxlEnums.fromString(Scheduler.class, s);
    }

    public static Scheduler fromValue(long v) {
        return LibxlEnums.fromValue(Scheduler.class, v);
    }
}
