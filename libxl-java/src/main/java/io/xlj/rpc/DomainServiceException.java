package io.xlj.rpc;

/**
 * A toolstack operation failed. The message is xl's (what {@code xl} would print), the
 * errno (0 when none applies) travels to the client as {@code error.data.errno}.
 */
public class DomainServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String errnoName;

    public DomainServiceException(String message, int errno, String errnoName) {
        super(message);
        this.errno = errno;
        this.errnoName = errnoName;
    }

    public DomainServiceException(String message, int errno, String errnoName, Throwable cause) {
        super(message, cause);
        this.errno = errno;
        this.errnoName = errnoName;
    }

    public int errno() {
        return errno;
    }

    /** e.g. {@code ENOENT}; null when there is no errno. */
    public String errnoName() {
        return errnoName;
    }
}
