package io.xlj.config.model;

/** libxl_vsnd_stream_type (libxl_types.idl); 0 (none) is what libxl_vsnd_stream_init leaves. */
public enum VsndStreamType implements LibxlEnum {
    NONE(0),
    P(1),
    C(2);

    private final int value;

    VsndStreamType(int value) {
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
