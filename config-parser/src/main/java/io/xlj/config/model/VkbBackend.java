package io.xlj.config.model;

/** libxl_vkb_backend (libxl_types.idl): C values and libxl strings. */
public enum VkbBackend implements LibxlEnum {
    UNKNOWN(0, "unknown"),
    QEMU(1, "qemu"),
    LINUX(2, "linux");

    private final int value;
    private final String libxlName;

    VkbBackend(int value, String libxlName) {
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

    public static VkbBackend fromString(String s) {
        return LibxlEnums.fromString(VkbBackend.class, s);
    }
}
