package io.xlj.config.model;

/** libxl_usbdev_type (libxl_types.idl): C values and libxl strings. */
public enum UsbdevType implements LibxlEnum {
    HOSTDEV(1, "hostdev");

    private final int value;
    private final String libxlName;

    UsbdevType(int value, String libxlName) {
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

    public static UsbdevType fromString(String s) {
        return LibxlEnums.fromString(UsbdevType.class, s);
    }
}
