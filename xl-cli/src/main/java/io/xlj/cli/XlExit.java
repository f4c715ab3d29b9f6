package io.xlj.cli;

/**
 * Thrown where xl calls exit(): unwinds to {@link Xl#run}, which flushes
 * the streams and returns the code.  Carries no stack trace (it is not an error).
 */
public final class XlExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public XlExit(int code) {
        super("exit " + code, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
