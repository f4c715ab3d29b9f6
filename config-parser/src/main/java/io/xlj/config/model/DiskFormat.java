package io.xlj.config.model;

/** libxl_disk_format (libxl_types.idl). */
public enum DiskFormat implements LibxlEnum {
    UNKNOWN(0),
    QCOW(1),
    QCOW2(2),
    VHD(3),
    RAW(4),
    EMPTY(5),
    QED(6);

    private final int value;

    DiskFormat(int value) {
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
