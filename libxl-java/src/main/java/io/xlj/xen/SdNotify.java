package io.xlj.xen;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * sd_notify(3) through libsystemd, because the JDK cannot send on a Unix datagram socket
 * (JDK 17 has no UNIX DatagramChannel). Does nothing when NOTIFY_SOCKET is unset, i.e. when
 * not started by systemd with Type=notify.
 */
public final class SdNotify {

    interface Systemd extends Library {
        int sd_notify(int unsetEnvironment, String state);
    }

    private SdNotify() {
    }

    /**
     * Sends {@code state} (e.g. {@code "READY=1\nSTATUS=..."}).
     *
     * @return sd_notify's result: positive when sent, 0 when NOTIFY_SOCKET is unset
     * @throws IllegalStateException when NOTIFY_SOCKET is set but libsystemd cannot be loaded
     *     or sending fails (negative errno)
     */
    public static int notify(String state) {
        if (System.getenv("NOTIFY_SOCKET") == null) {
            return 0;
        }
        Systemd lib;
        try {
            lib = Native.load("libsystemd.so.0", Systemd.class);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("NOTIFY_SOCKET is set but libsystemd.so.0 cannot be loaded: "
                    + e.getMessage(), e);
        }
        int rc = lib.sd_notify(0, state);
        if (rc < 0) {
            throw new IllegalStateException("sd_notify failed: " + Errno.name(-rc));
        }
        return rc;
    }
}
