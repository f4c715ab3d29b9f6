package io.xlj.libxl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import io.xlj.xen.LibxlLockFile;

/**
 * libxl's per-domain files {@code /var/lib/xen/userdata-<wh>.<domid>.<uuid>.<userid>}: the
 * domain configuration ({@code d}, {@code libxl-json}) and xl's copy of the config text
 * ({@code d}, {@code xl}). Written like libxl_userdata_store: to the {@code n} file first,
 * mode 0600, then renamed over the {@code d} file. A read-modify-write of a domain's files
 * runs under libxl's per-domain lock ({@link #locked}), so that it does not interleave with
 * Xen's xl doing the same to that domain.
 */
public final class Userdata {

    /** Where libxl 4.17 keeps them (XEN_LIB_DIR of Debian's build). */
    public static final Path DEFAULT_DIR = Path.of("/var/lib/xen");

    public static final String LIBXL_JSON = "libxl-json";
    public static final String XL = "xl";

    private final Path dir;

    public Userdata(Path dir) {
        this.dir = dir;
    }

    public Path path(int domid, UUID uuid, String userid) {
        return path("d", domid, uuid, userid);
    }

    private Path path(String wh, int domid, UUID uuid, String userid) {
        return dir.resolve("userdata-" + wh + "." + domid + "." + uuid + "." + userid);
    }

    /**
     * Runs {@code action} holding libxl's domain userdata lock
     * ({@code userdata-l.<domid>.<uuid>.domain-userdata-lock}, libxl__lock_domain_userdata),
     * the lock libxl takes around every change of a domain's stored configuration.
     */
    public <T> T locked(int domid, UUID uuid, Supplier<T> action) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        try (LibxlLockFile lock = LibxlLockFile.acquire(path("l", domid, uuid, "domain-userdata-lock"))) {
            return action.get();
        }
    }

    /**
     * Runs {@code action} holding another of libxl's per-domain lock files,
     * {@code userdata-l.<domid>.<uuid>.<name>} (libxl__ev_slowlock: "libxl-device-changes-lock",
     * "qmp-socket-lock").
     */
    public <T> T lockedBy(String name, int domid, UUID uuid, Supplier<T> action) {
        try (LibxlLockFile lock = LibxlLockFile.acquire(path("l", domid, uuid, name))) {
            return action.get();
        }
    }

    /** {@link #locked(int, UUID, Supplier)} for an action without a result. */
    public void locked(int domid, UUID uuid, Runnable action) {
        locked(domid, uuid, () -> {
            action.run();
            return null;
        });
    }

    /** Stores {@code data} atomically; the caller adds libxl's trailing NUL where libxl has one. */
    public Path store(int domid, UUID uuid, String userid, byte[] data) {
        Path target = path("d", domid, uuid, userid);
        Path tmp = path("n", domid, uuid, userid);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, data);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write/rename " + tmp + " for " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * libxl__userdata_destroyall: removes every {@code userdata-?.<domid>.<uuid>.*} file but
     * the lock file.
     *
     * @return the files removed
     */
    public List<Path> destroyAll(int domid, UUID uuid) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        String glob = "userdata-?." + domid + "." + uuid + ".*";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path f : files) {
                if (!f.getFileName().toString().contains("domain-userdata-lock") && Files.deleteIfExists(f)) {
                    removed.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the userdata files of domain " + domid + " in " + dir, e);
        }
        return removed;
    }
}
