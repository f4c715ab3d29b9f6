package io.xlj.xenstore;

/**
 * Message types of the xenstore wire protocol, Xen 4.17 ({@code enum xsd_sockmsg_type}
 * in {@code xen/io/xs_wire.h}). The numeric codes are the wire values.
 */
public enum XsType {
    CONTROL(0),
    DIRECTORY(1),
    READ(2),
    GET_PERMS(3),
    WATCH(4),
    UNWATCH(5),
    TRANSACTION_START(6),
    TRANSACTION_END(7),
    INTRODUCE(8),
    RELEASE(9),
    GET_DOMAIN_PATH(10),
    WRITE(11),
    MKDIR(12),
    RM(13),
    SET_PERMS(14),
    WATCH_EVENT(15),
    ERROR(16),
    IS_DOMAIN_INTRODUCED(17),
    RESUME(18),
    SET_TARGET(19),
    // 20 was XS_RESTRICT, removed from xs_wire.h; daemons answer ENOSYS.
    RESET_WATCHES(21),
    DIRECTORY_PART(22);

    /** {@code XS_DEBUG} is the old name of {@code XS_CONTROL}; same code. */
    public static final XsType DEBUG = CONTROL;

    private static final XsType[] BY_CODE = new XsType[23];

    static {
        for (XsType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    XsType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a wire code, or null when the code is unknown to 4.17. */
    public static XsType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
