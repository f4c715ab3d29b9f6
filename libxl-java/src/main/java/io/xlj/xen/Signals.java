package io.xlj.xen;

import com.sun.jna.LastErrorException;

/** Signals to processes the toolstack started (device models), through libc's kill(2). */
public final class Signals {

    public static final int SIGHUP = 1;

    private Signals() {
    }

    /**
     * Sends {@code sig} to {@code pid}.
     *
     * @return false if there is no such process (ESRCH)
     * @throws XenCallException for other failures
     */
    public static boolean send(int pid, int sig) {
        try {
            XenLibraries.libc().kill(pid, sig);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == 3) {
                return false;
            }
            throw new XenCallException("kill", null, e.getErrorCode(), "kill(" + pid + ", " + sig + ")");
        }
    }
}
