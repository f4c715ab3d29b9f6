package io.xlj.config.model;

/** libxl_action_on_shutdown (libxl_types.idl): C values and libxl strings. */
public enum ActionOnShutdown implements LibxlEnum {
    DESTROY(1, "destroy"),
    RESTART(2, "restart"),
    RESTART_RENAME(3, "restart_rename"),
    PRESERVE(4, "preserve"),
    COREDUMP_DESTROY(5, "coredump_destroy"),
    COREDUMP_RESTART(6, "coredump_restart"),
    SOFT_RESET(7, "soft_reset");

    private final int value;
    private final String libxlName;

    ActionOnShutdown(int value, String libxlName) {
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

    /** xl's name (get_action_on_shutdown_name), as its monitor's log lines and xl.cfg spell it. */
    public String xlName() {
        return this == RESTART_RENAME ? "rename-restart" : libxlName.replace('_', '-');
    }

    public static ActionOnShutdown fromString(String s) {
        return LibxlEnums.fromString(ActionOnShutdown.class, s);
    }

    public static ActionOnShutdown fromValue(long v) {
        return LibxlEnums.fromValue(ActionOnShutdown.class, v);
    }
}
