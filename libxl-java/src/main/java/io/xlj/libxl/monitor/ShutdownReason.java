package io.xlj.libxl.monitor;

import java.util.Optional;

/**
 * Why a domain shut down: the {@code SHUTDOWN_*} code Xen keeps in the domain's flags
 * ({@code XEN_DOMINF_shutdownshift}), named as libxl_shutdown_reason names it.
 */
public enum ShutdownReason {
    POWEROFF(0, "poweroff"),
    REBOOT(1, "reboot"),
    SUSPEND(2, "suspend"),
    CRASH(3, "crash"),
    WATCHDOG(4, "watchdog"),
    SOFT_RESET(5, "soft_reset");

    private final int code;
    private final String libxlName;

    ShutdownReason(int code, String libxlName) {
        this.code = code;
        this.libxlName = libxlName;
    }

    public int code() {
        return code;
    }

    /** libxl's name, also the {@code reason} of xljd's shutdown events. */
    public String libxlName() {
        return libxlName;
    }

    /** Empty for a code Xen 4.17 does not define (xl then destroys the domain). */
    public static Optional<ShutdownReason> ofCode(int code) {
        for (ShutdownReason r : values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
