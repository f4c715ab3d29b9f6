package io.xlj.config.model;

/** libxl_timer_mode (libxl_types.idl): C values and libxl strings. */
public enum TimerMode implements LibxlEnum {
    UNKNOWN(-1, "unknown"),
    DELAY_FOR_MISSED_TICKS(0, "delay_for_missed_ticks"),
    NO_DELAY_FOR_MISSED_TICKS(1, "no_delay_for_missed_ticks"),
    NO_MISSED_TICKS_PENDING(2, "no_missed_ticks_pending"),
    ONE_MISSED_TICK_PENDING(3, "one_missed_tick_pending");

    private final int value;
    private final String libxlName;

    TimerMode(int value, String libxlName) {
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

    public static TimerMode fromString(String s) {
        return LibxlEnums.fromString(TimerMode.class, s);
    }

    public static TimerMode fromValue(long v) {
        return LibxlEnums.fromValue(TimerMode.class, v);
    }
}
