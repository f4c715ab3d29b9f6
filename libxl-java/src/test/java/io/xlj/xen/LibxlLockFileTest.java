package io.xlj.xen;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.libxl.device.NativeProbe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our lock files exclude, and are excluded by, a C process that locks the same file the way
 * libxl does (flock(2), unlink before close): the lock xlj and Xen's xl share for a domain's
 * userdata and for the domid history.
 */
class LibxlLockFileTest {

    @TempDir
    Path dir;

    private static String probe(String mode, Path file) throws Exception {
        return NativeProbe.run(List.of(NativeProbe.build("flock_probe").toString(), mode, file.toString())).strip();
    }

    @Test
    void aCProcessSeesOurLockHeldAndThenGone() throws Exception {
        Path file = dir.resolve("userdata-l.3.uuid.domain-userdata-lock");
        try (LibxlLockFile lock = LibxlLockFile.acquire(file)) {
            assertThat(lock.path()).isEqualTo(file);
            assertThat(probe("try", file)).isEqualTo("busy");
        }
        assertThat(file).doesNotExist(); // unlinked on release, as libxl__unlock_file does
        assertThat(probe("try", file)).isEqualTo("free");
    }

    @Test
    void weWaitForACHolderAndThenLockTheFileItLeavesBehindAnew() throws Exception {
        Path file = dir.resolve("domid-history.lock");
        Process holder = new ProcessBuilder(NativeProbe.build("flock_probe").toString(), "hold", file.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII));
        assertThat(out.readLine()).isEqualTo("locked");

        CompletableFuture<LibxlLockFile> ours = CompletableFuture.supplyAsync(() -> LibxlLockFile.acquire(file));
        // While C holds it, our flock(2) cannot have returned. (If it could, the C side's
        // "try" below would also fail, so this is not the only guard.)
        assertThat(ours).isNotDone();

        try (OutputStream in = holder.getOutputStream()) {
            in.write('\n');
        }
        assertThat(out.readLine()).isEqualTo("released");
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // The holder unlinked the file it had locked: we must not settle for that dead inode
        // but lock the file that now has the name.
        try (LibxlLockFile lock = ours.get(30, TimeUnit.SECONDS)) {
            assertThat(file).exists();
            assertThat(probe("try", file)).isEqualTo("busy");
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void aMissingDirectoryIsAnErrorNamingTheFileAndErrno() {
        Path file = dir.resolve("no-such-dir/x.lock");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LibxlLockFile.acquire(file))
                .hasMessageContaining("cannot open lockfile " + file)
                .hasMessageContaining("ENOENT");
    }
}
