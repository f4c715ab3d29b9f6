package io.xlj.config.model;

/** libxl_tsc_mode (libxl_types.idl): C values and libxl strings. */
public enum TscMode implements LibxlEnum {
    DEFAULT(0, "default"),
    ALWAYS_EMULATE(1, "always_emulate"),
    NATIVE(2, "native"),
    NATIVE_PARAVIRT(3, "native_paravirt");

    private final int value;
    private final String libxlName;

    TscMode(int value, String libxlName) {
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

    public static TscMode fromString(String s) {
        return LibxlEnums.fromString(TscMode.class, s);
    }

    public static TscMode fromValue(long v) {
        return LibxlEnums.fromValue(TscMode.class, v);
    }
}
