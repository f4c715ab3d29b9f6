package io.xlj.config.model;

/** libxl_vendor_device (libxl_types.idl): C values and libxl strings. */
public enum VendorDevice implements LibxlEnum {
    NONE(0, "none"),
    XENSERVER(1, "xenserver");

    private final int value;
    private final String libxlName;

    VendorDevice(int value, String libxlName) {
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

    public static VendorDevice fromString(String s) {
        return LibxlEnums.fromString(VendorDevice.class, s);
    }

    public static VendorDevice fromValue(long v) {
        return LibxlEnums.fromValue(VendorDevice.class, v);
    }
}
