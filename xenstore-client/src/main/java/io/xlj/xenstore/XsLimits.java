package io.xlj.xenstore;

/**
 * The limits of xs_wire.h and the path rules of xenstored ({@code is_valid_nodename}),
 * checked before anything is sent: a request the daemon would reject is refused here
 * with a message that says why, and an oversize frame (which makes xenstored drop the
 * whole connection) is never written.
 */
public final class XsLimits {
    /** {@code XENSTORE_PAYLOAD_MAX}: largest payload in either direction. */
    public static final int PAYLOAD_MAX = 4096;
    /** {@code XENSTORE_ABS_PATH_MAX}. */
    public static final int ABS_PATH_MAX = 3072;
    /** {@code XENSTORE_REL_PATH_MAX}. */
    public static final int REL_PATH_MAX = 2048;

    private XsLimits() {
    }

    /**
     * Checks a node path: absolute ({@code /a/b}) or relative to the connection's home
     * ({@code a/b}, which a dom0 socket resolves against /local/domain/0).
     */
    public static void checkPath(String op, String path) {
        if (path == null) {
            throw new XenstoreException("EINVAL", op, null, "path is null (refused before sending)");
        }
        if (path.isEmpty()) {
            throw invalid(op, path, "path is empty");
        }
        boolean absolute = path.charAt(0) == '/';
        int max = absolute ? ABS_PATH_MAX : REL_PATH_MAX;
        if (path.length() > max) {
            throw new XenstoreException("EINVAL", op, abbreviate(path),
                    "path is " + path.length() + " characters, the limit for "
                            + (absolute ? "absolute" : "relative") + " paths is " + max
                            + " (refused before sending)");
        }
        if (path.length() > 1 && path.endsWith("/")) {
            throw invalid(op, path, "path ends with '/'");
        }
        if (path.contains("//")) {
            throw invalid(op, path, "path contains '//'");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (!validChar(c)) {
                throw invalid(op, path, "character " + describe(c) + " at index " + i
                        + " is not allowed (only A-Z a-z 0-9 - / _ @)");
            }
        }
    }

    /** Checks a watch path: a node path or a special path such as {@code @releaseDomain}. */
    public static void checkWatchPath(String op, String path) {
        if (path != null && path.startsWith("@")) {
            for (int i = 1; i < path.length(); i++) {
                if (!validChar(path.charAt(i))) {
                    throw invalid(op, path, "character " + describe(path.charAt(i))
                            + " at index " + i + " is not allowed in a special path");
                }
            }
            return;
        }
        checkPath(op, path);
    }

    /** Checks a watch token: any text without NUL, since NUL separates the fields. */
    public static void checkToken(String op, String path, String token) {
        if (token == null || token.indexOf('\0') >= 0) {
            throw new XenstoreException("EINVAL", op, path,
                    "watch token must be non-null and contain no NUL (refused before sending)");
        }
    }

    static void checkPayload(String op, String path, int length) {
        if (length > PAYLOAD_MAX) {
            throw new XenstoreException("E2BIG", op, abbreviate(path),
                    "payload would be " + length + " bytes, xenstore allows at most "
                            + PAYLOAD_MAX + " (refused before sending)");
        }
    }

    private static boolean validChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '/' || c == '_' || c == '@';
    }

    private static XenstoreException invalid(String op, String path, String why) {
        return new XenstoreException("EINVAL", op, abbreviate(path),
                "invalid path: " + why + " (refused before sending)");
    }

    private static String describe(char c) {
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    static String abbreviate(String path) {
        if (path == null || path.length() <= 80) {
            return path;
        }
        return path.substring(0, 60) + "…(" + path.length() + " chars)";
    }
}
