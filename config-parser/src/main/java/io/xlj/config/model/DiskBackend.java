package io.xlj.config.model;

/** libxl_disk_backend (libxl_types.idl). */
public enum DiskBackend implements LibxlEnum {
    UNKNOWN(0),
    PHY(1),
    TAP(2),
    QDISK(3),
    STANDALONE(4);

    private final int value;

    DiskBackend(int value) {
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
