package io.xlj.config.model;

/** libxl_vkb_backend (libxl_types.idl). */
public enum VkbBackend implements LibxlEnum {
    UNKNOWN(0),
    QEMU(1),
    LINUX(2);

    private final int value;

    VkbBackend(int value) {
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
