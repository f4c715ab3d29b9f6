package io.xlj.config.xlparse;

/**
 * xl called exit(status): its message is already on stderr. The status is what the
 * process would return, i.e. the C argument modulo 256 (exit(-1) is 255, exit(-ERROR_FAIL)
 * is 3).
 */
public final class XlExit extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public XlExit(int cStatus) {
        super("xl exit " + (cStatus & 0xff), null, false, false);
        this.status = cStatus & 0xff;
    }

    public int status() {
        return status;
    }
}
