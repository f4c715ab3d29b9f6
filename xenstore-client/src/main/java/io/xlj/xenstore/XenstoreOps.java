package io.xlj.xenstore;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The node operations, implemented both by {@link XenstoreClient} (outside any
 * transaction) and by {@link Transaction}, so that code which sets up nodes is written
 * once and runs either way. Paths are absolute ({@code /local/domain/5/name}) or
 * relative to the connection's home ({@code /local/domain/0} on a dom0 socket).
 *
 * <p>Every method throws {@link XenstoreException} on failure. The {@code …Async}
 * forms send at once and complete when the reply arrives, so many requests can be in
 * flight on one connection.
 */
public interface XenstoreOps {

    /** The value of a node as UTF-8 text. */
    default String read(String path) {
        return Strings.utf8(readBytes(path));
    }

    /** The value of a node, or empty if it does not exist (ENOENT). */
    default Optional<String> readOptional(String path) {
        try {
            return Optional.of(read(path));
        } catch (XenstoreException e) {
            if (e.isNoEntry()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** True if the node exists (and is readable). */
    default boolean exists(String path) {
        return readOptional(path).isPresent();
    }

    byte[] readBytes(String path);

    CompletableFuture<byte[]> readAsync(String path);

    /** Writes a value, creating missing parents (with empty values). */
    default void write(String path, String value) {
        write(path, Strings.utf8(value));
    }

    void write(String path, byte[] value);

    CompletableFuture<Void> writeAsync(String path, byte[] value);

    default CompletableFuture<Void> writeAsync(String path, String value) {
        return writeAsync(path, Strings.utf8(value));
    }

    void mkdir(String path);

    /** Removes a node and everything below it; no error if the node is already gone. */
    void rm(String path);

    /** The names (not paths) of a node's children. */
    List<String> directory(String path);

    /**
     * The children as {@link #directory} lists them, but paged with DIRECTORY_PART
     * (restarting when the node changes in between); falls back to DIRECTORY on daemons
     * that lack it (oxenstored answers ENOSYS).
     */
    List<String> directoryPart(String path);

    /** The permissions of a node; the first entry is the owner. */
    List<Permission> getPermissions(String path);

    /** Replaces a node's permissions; the first entry becomes the owner. */
    void setPermissions(String path, List<Permission> permissions);

    default void setPermissions(String path, Permission... permissions) {
        setPermissions(path, List.of(permissions));
    }
}
