package io.xlj.config.model;

/** libxl_device_model_version (libxl_types.idl): C values and libxl strings. */
public enum DeviceModelVersion implements LibxlEnum {
    UNKNOWN(0, "unknown"),
    QEMU_XEN_TRADITIONAL(1, "qemu_xen_traditional"),
    QEMU_XEN(2, "qemu_xen");

    private final int value;
    private final String libxlName;

    DeviceModelVersion(int value, String libxlName) {
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

    public static DeviceModelVersion fromString(String s) {
        return LibxlEnums.fromString(DeviceModelVersion.class, s);
    }

    public static DeviceModelVersion fromValue(long v) {
        return LibxlEnums.fromValue(DeviceModelVersion.class, v);
    }
}
