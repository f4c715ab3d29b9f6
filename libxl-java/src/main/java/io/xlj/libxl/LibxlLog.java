package io.xlj.libxl;

import io.xlj.xen.Errno;

/**
 * The text of libxl 4.17's error log lines as Debian's xl prints them (xentoollog's stdio
 * logger): {@code libxl: error: FILE:LINE:FUNCTION: [Domain N:]MESSAGE[: strerror]}. The
 * file and line are those of the stable-4.17 sources, which Debian's 4.17 build reports.
 */
final class LibxlLog {

    private LibxlLog() {
    }

    /** LOG(ERROR, ...): no domain prefix. */
    static String error(String site, String message) {
        return "libxl: error: " + site + ": " + message;
    }

    /** LOGD(ERROR, domid, ...). */
    static String errorD(String site, int domid, String message) {
        return "libxl: error: " + site + ": Domain " + Integer.toUnsignedString(domid) + ":" + message;
    }

    /** LOGED(ERROR, domid, ...): with the errno's text appended. */
    static String errorED(String site, int domid, String message, int errno) {
        return errorD(site, domid, message) + ": " + Errno.describe(errno);
    }
}
