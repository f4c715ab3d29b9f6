package io.xlj.config.model;

/** libxl_disk_specification (libxl_types.idl). */
public enum DiskSpecification implements LibxlEnum {
    UNKNOWN(0),
    XEN(1),
    VIRTIO(2);

    private final int value;

    DiskSpecification(int value) {
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
