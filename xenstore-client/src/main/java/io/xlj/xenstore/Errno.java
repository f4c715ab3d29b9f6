package io.xlj.xenstore;

import java.util.Map;

/** Human words for the errno names xenstored sends ({@code xsd_errors[]} in xs_wire.h). */
final class Errno {
    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("EINVAL", "Invalid argument"),
            Map.entry("EACCES", "Permission denied"),
            Map.entry("EEXIST", "File exists"),
            Map.entry("EISDIR", "Is a directory"),
            Map.entry("ENOENT", "No such file or directory"),
            Map.entry("ENOMEM", "Cannot allocate memory"),
            Map.entry("ENOSPC", "No space left on device"),
            Map.entry("EIO", "Input/output error"),
            Map.entry("ENOTEMPTY", "Directory not empty"),
            Map.entry("ENOSYS", "Function not implemented"),
            Map.entry("EROFS", "Read-only file system"),
            Map.entry("EBUSY", "Device or resource busy"),
            Map.entry("EAGAIN", "Resource temporarily unavailable"),
            Map.entry("EISCONN", "Transport endpoint is already connected"),
            Map.entry("E2BIG", "Argument list too long"),
            Map.entry("EPERM", "Operation not permitted"),
            Map.entry("EQUOTA", "Quota exceeded"),
            Map.entry("ETIMEDOUT", "Connection timed out"),
            Map.entry("ECONNRESET", "Connection reset by peer"),
            Map.entry("EPROTO", "Protocol error"));

    private Errno() {
    }

    static String describe(String name) {
        return TEXT.get(name);
    }
}
