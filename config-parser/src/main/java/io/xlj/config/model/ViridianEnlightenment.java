package io.xlj.config.model;

/** libxl_viridian_enlightenment (libxl_types.idl): C values and libxl strings. */
public enum ViridianEnlightenment implements LibxlEnum {
    BASE(0, "base"),
    FREQ(1, "freq"),
    TIME_REF_COUNT(2, "time_ref_count"),
    REFERENCE_TSC(3, "reference_tsc"),
    HCALL_REMOTE_TLB_FLUSH(4, "hcall_remote_tlb_flush"),
    APIC_ASSIST(5, "apic_assist"),
    CRASH_CTL(6, "crash_ctl"),
    SYNIC(7, "synic"),
    STIMER(8, "stimer"),
    HCALL_IPI(9, "hcall_ipi"),
    EX_PROCESSOR_MASKS(10, "ex_processor_masks"),
    NO_VP_LIMIT(11, "no_vp_limit"),
    CPU_HOTPLUG(12, "cpu_hotplug");

    private final int value;
    private final String libxlName;

    ViridianEnlightenment(int value, String libxlName) {
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

    public static ViridianEnlightenment fromString(String s) {
        return LibxlEnums.fromString(ViridianEnlightenment.class, s);
    }

    public static ViridianEnlightenment fromValue(long v) {
        return LibxlEnums.fromValue(ViridianEnlightenment.class, v);
    }
}
