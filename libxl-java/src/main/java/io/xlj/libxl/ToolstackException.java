package io.xlj.libxl;

/**
 * A toolstack operation failed. {@link #step()} names what failed (e.g.
 * {@code xc_dom_parse_image}, {@code xenstore skeleton}); the message says which domain and
 * why, and the cause carries the errno or xenstore error.
 */
public class ToolstackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String step;
    private final Integer domid;

    public ToolstackException(String step, Integer domid, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
        this.domid = domid;
    }

    public ToolstackException(String step, Integer domid, String message) {
        this(step, domid, message, null);
    }

    /** The step of the operation that failed. */
    public String step() {
        return step;
    }

    /** The domain concerned, or null when none existed yet. */
    public Integer domid() {
        return domid;
    }
}
