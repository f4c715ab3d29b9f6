package io.xlj.libxl.device;

/** The libxl__device_kind names used in xenstore paths for the devices xlj connects. */
public enum DeviceKind {
    VBD("vbd"),
    QDISK("qdisk"),
    VIF("vif"),
    /** A secondary console: a channel (libxl__init_console_from_channel), served by QEMU. */
    CONSOLE("console"),
    /** The virtual keyboard libxl adds to every HVM guest (qemu is its backend). */
    VKBD("vkbd");

    private final String xsName;

    DeviceKind(String xsName) {
        this.xsName = xsName;
    }

    /** The name in xenstore paths and in XENBUS_TYPE. */
    public String xsName() {
        return xsName;
    }
}
