package io.xlj.libxl;

import java.util.List;

/**
 * A libxl call failed the way libxl 4.17 fails: {@link #rc()} is its {@code ERROR_*} code
 * (negative, what xl prints as "(rc=N)") and {@link #logLines()} the "libxl: error: ..."
 * lines libxl's logger would have written to stderr before returning it.
 */
public final class LibxlError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final int ERROR_FAIL = -3;
    public static final int ERROR_INVAL = -6;
    public static final int ERROR_TIMEDOUT = -9;
    public static final int ERROR_NOPARAVIRT = -10;
    public static final int ERROR_JSON_CONFIG_EMPTY = -16;
    public static final int ERROR_DOMAIN_NOTFOUND = -21;

    private final int rc;
    private final List<String> logLines;

    public LibxlError(int rc, List<String> logLines, String message, Throwable cause) {
        super(message, cause);
        this.rc = rc;
        this.logLines = List.copyOf(logLines);
    }

    public LibxlError(int rc, List<String> logLines, String message) {
        this(rc, logLines, message, null);
    }

    public LibxlError(int rc, List<String> logLines) {
        this(rc, logLines, logLines.isEmpty() ? "libxl error " + rc : logLines.get(logLines.size() - 1), null);
    }

    public int rc() {
        return rc;
    }

    /** Whole lines without the newline, in the order libxl logs them. */
    public List<String> logLines() {
        return logLines;
    }
}
