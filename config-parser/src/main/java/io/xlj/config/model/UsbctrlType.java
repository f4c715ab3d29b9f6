package io.xlj.config.model;

/** libxl_usbctrl_type (libxl_types.idl). */
public enum UsbctrlType implements LibxlEnum {
    AUTO(0),
    PV(1),
    DEVICEMODEL(2),
    QUSB(3);

    private final int value;

    UsbctrlType(int value) {
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
