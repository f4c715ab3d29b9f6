package io.xlj.libxl;

import io.xlj.xen.LibxlLockFile;
import io.xlj.xen.XenConstants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * libxl 4.17's record of recently destroyed domids, {@code /var/run/xen/domid-history}: one
 * {@code "<seconds> <domid>"} line per domain destroyed in the last
 * {@code LIBXL_DOMID_REUSE_TIMEOUT} seconds (default 60), the seconds being CLOCK_MONOTONIC's.
 * Every destroy adds its domid (under the {@code domid-history.lock} lock file, rewriting the
 * file without the expired lines) and a create refuses a domid found there, so that a tool
 * still holding the old domain's id cannot mistake the new domain for it. xlj keeps the same
 * file as Xen's xl, so each toolstack sees the other's destroys.
 */
final class DomidHistory {

    /** libxl__run_dir_path() of Debian's build. */
    static final Path DEFAULT_FILE = Path.of("/var/run/xen/domid-history");
    /** LIBXL_DOMID_REUSE_TIMEOUT. */
    static final long DEFAULT_TIMEOUT_SECONDS = 60;

    private final Path file;
    private final long timeoutSeconds;

    DomidHistory(Path file, long timeoutSeconds) {
        this.file = file;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The host's history, with libxl's timeout or the one in LIBXL_DOMID_REUSE_TIMEOUT. */
    static DomidHistory host() {
        String env = System.getenv("LIBXL_DOMID_REUSE_TIMEOUT");
        long timeout = DEFAULT_TIMEOUT_SECONDS;
        if (env != null) {
            try {
                timeout = Long.decode(env.strip()); // strtol(…, 0): decimal, 0x…, 0…
            } catch (NumberFormatException e) {
                timeout = 0; // strtol of a non-number is 0
            }
        }
        return new DomidHistory(DEFAULT_FILE, timeout);
    }

    /**
     * CLOCK_MONOTONIC in whole seconds. HotSpot's System.nanoTime() on Linux is
     * clock_gettime(CLOCK_MONOTONIC), the clock libxl stamps the lines with.
     */
    static long monotonicSeconds() {
        return System.nanoTime() / 1_000_000_000L;
    }

    /** libxl__mark_domid_recent: adds {@code domid}, dropping the lines that have expired. */
    void markRecent(int domid) {
        try (LibxlLockFile lock = LibxlLockFile.acquire(file.resolveSibling(file.getFileName() + ".lock"))) {
            long now = monotonicSeconds();
            StringBuilder kept = new StringBuilder();
            for (long[] e : recent(now)) {
                kept.append(Long.toUnsignedString(e[0])).append(' ').append(e[1]).append('\n');
            }
            kept.append(now).append(' ').append(domid).append('\n');
            Path next = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(next, kept, StandardCharsets.US_ASCII);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record domid " + domid + " in " + file + ": " + e.getMessage(), e);
        }
    }

    /** libxl__is_domid_recent. */
    boolean isRecent(int domid) {
        return recent(monotonicSeconds()).stream().anyMatch(e -> e[1] == domid);
    }

    /**
     * The unexpired {@code {seconds, domid}} entries, read as libxl's fscanf("%lu %u") loop does:
     * whitespace-separated number pairs, reading stopping at the first thing that is not one.
     */
    private List<long[]> recent(long now) {
        List<long[]> out = new ArrayList<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("failed to open '" + file + "': " + e.getMessage(), e);
        }
        String[] words = text.strip().isEmpty() ? new String[0] : text.strip().split("\\s+");
        for (int i = 0; i + 1 < words.length; i += 2) {
            long sec;
            long domid;
            try {
                sec = Long.parseUnsignedLong(words[i]);
                domid = Long.parseLong(words[i + 1]);
            } catch (NumberFormatException e) {
                break;
            }
            if (domid > 0 && domid < XenConstants.DOMID_FIRST_RESERVED && now - sec <= timeoutSeconds) {
                out.add(new long[] {sec, domid});
            }
        }
        return out;
    }
}
