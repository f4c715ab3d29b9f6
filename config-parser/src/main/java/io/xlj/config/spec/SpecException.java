package io.xlj.config.spec;

/**
 * xl would stop here: the messages explaining why have already been printed to the
 * {@link Diagnostics}, and {@link #exitCode()} is the status xl exits with
 * ({@code exit(EXIT_FAILURE)} is 1; a jammed flex scanner is 2).
 */
public final class SpecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public SpecException(String summary, int exitCode) {
        super(summary, null, false, false);
        this.exitCode = exitCode;
    }

    public SpecException(String summary) {
        this(summary, 1);
    }

    public int exitCode() {
        return exitCode;
    }
}
