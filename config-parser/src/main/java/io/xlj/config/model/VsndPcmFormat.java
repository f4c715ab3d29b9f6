package io.xlj.config.model;

/** libxl_vsnd_pcm_format (libxl_types.idl). */
public enum VsndPcmFormat implements LibxlEnum {
    S8(1),
    U8(2),
    S16_LE(3),
    S16_BE(4),
    U16_LE(5),
    U16_BE(6),
    S24_LE(7),
    S24_BE(8),
    U24_LE(9),
    U24_BE(10),
    S32_LE(11),
    S32_BE(12),
    U32_LE(13),
    U32_BE(14),
    F32_LE(15),
    F32_BE(16),
    F64_LE(17),
    F64_BE(18),
    IEC958_SUBFRAME_LE(19),
    IEC958_SUBFRAME_BE(20),
    MU_LAW(21),
    A_LAW(22),
    IMA_ADPCM(23),
    MPEG(24),
    GSM(25);

    private final int value;

    VsndPcmFormat(int value) {
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
