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

/**
 * libxl's per-domain files {@code /var/lib/xen/userdata-<wh>.<domid>.<uuid>.<userid>}: the
 * domain configuration ({@code d}, {@code libxl-json}) and xl's copy of the config text
 * ({@code d}, {@code xl}). Written like libxl_userdata_store: to the {@code n} file first,
 * mode 0600, then renamed over the {@code d} file.
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
