package io.xlj.xenstore;

import java.util.Objects;

/**
 * The one exception of this package. It carries the xenstore error name as the daemon
 * sends it ({@code ENOENT}, {@code EAGAIN}, {@code EACCES}, {@code E2BIG}, …), the
 * operation that failed and the path it was about (null when the operation has none).
 *
 * <p>Errors detected by the client itself (a bad path refused before sending, a closed
 * connection, a timeout) use the errno name that describes them best and say so in
 * the message.
 */
public final class XenstoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorName;
    private final String operation;
    private final String path;
    private final String detail;

    public XenstoreException(String errorName, String operation, String path, String detail) {
        this(errorName, operation, path, detail, null);
    }

    public XenstoreException(String errorName, String operation, String path, String detail,
                             Throwable cause) {
        super(format(errorName, operation, path, detail), cause);
        this.errorName = Objects.requireNonNull(errorName, "errorName");
        this.operation = operation;
        this.path = path;
        this.detail = detail;
    }

    private static String format(String errorName, String operation, String path, String detail) {
        StringBuilder sb = new StringBuilder("xenstore ");
        sb.append(operation == null ? "request" : operation);
        if (path != null) {
            sb.append(' ').append(path);
        }
        sb.append(" failed: ").append(errorName);
        String text = Errno.describe(errorName);
        if (text != null) {
            sb.append(" (").append(text).append(')');
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    /** The errno name, e.g. {@code ENOENT}. */
    public String errorName() {
        return errorName;
    }

    /** The xenstore operation, e.g. {@code READ}, or null. */
    public String operation() {
        return operation;
    }

    /** The path the operation was about, or null. */
    public String path() {
        return path;
    }

    /** What the client adds to the daemon's error name (may be null). */
    public String detail() {
        return detail;
    }

    public boolean isNoEntry() {
        return "ENOENT".equals(errorName);
    }

    /** True when a transaction must be retried. */
    public boolean isAgain() {
        return "EAGAIN".equals(errorName);
    }

    public boolean is(String name) {
        return errorName.equals(name);
    }
}
