package io.xlj.config.model;

/** libxl_disk_transport (libxl_types.idl). */
public enum DiskTransport implements LibxlEnum {
    UNKNOWN(0),
    MMIO(1);

    private final int value;

    DiskTransport(int value) {
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
