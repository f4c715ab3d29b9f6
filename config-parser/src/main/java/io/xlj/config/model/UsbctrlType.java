package io.xlj.config.model;

/** libxl_usbctrl_type (libxl_types.idl): C values and libxl strings. */
public enum UsbctrlType implements LibxlEnum {
    AUTO(0, "auto"),
    PV(1, "pv"),
    DEVICEMODEL(2, "devicemodel"),
    QUSB(3, "qusb");

    private final int value;
    private final String libxlName;

    UsbctrlType(int value, String libxlName) {
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

    public static UsbctrlType fromString(String s) {
        return LibxlEnums.fromString(UsbctrlType.class, s);
    }
}
