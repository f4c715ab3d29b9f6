package io.xlj.libxl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The domid history file as libxl 4.17 reads and writes it ("%lu %u" lines of CLOCK_MONOTONIC
 * seconds and domid, expired lines dropped on each write). That Xen's xl reads ours and we read
 * its lines is proven in the lab (XljPvLifecycleTest).
 */
class DomidHistoryTest {

    @TempDir
    Path dir;

    @Test
    void aDestroyedDomidIsRecentUntilTheTimeoutAndTheLockFileIsGoneAfterwards() throws Exception {
        Path file = dir.resolve("domid-history");
        DomidHistory h = new DomidHistory(file, 60);
        assertThat(h.isRecent(7)).isFalse(); // no file yet: nothing is recent
        h.markRecent(7);
        assertThat(h.isRecent(7)).isTrue();
        assertThat(h.isRecent(8)).isFalse();
        assertThat(Files.readString(file)).matches("\\d+ 7\n");
        assertThat(dir.resolve("domid-history.lock")).doesNotExist();
        assertThat(dir.resolve("domid-history.new")).doesNotExist();
        assertThat(new DomidHistory(file, -1).isRecent(7)).as("with a timeout already passed").isFalse();
    }

    @Test
    void writingDropsExpiredAndInvalidLinesAndKeepsTheOthersInOrder() throws Exception {
        Path file = dir.resolve("domid-history");
        long now = DomidHistory.monotonicSeconds();
        Files.writeString(file, (now - 500) + " 3\n" + (now - 5) + " 4\n" + now + " 0\n" + now + " 32752\n"
                + (now - 1) + " 9\n", StandardCharsets.US_ASCII);
        DomidHistory h = new DomidHistory(file, 60);
        assertThat(h.isRecent(3)).isFalse();
        assertThat(h.isRecent(4)).isTrue();
        assertThat(h.isRecent(0)).as("dom0 is never a guest domid").isFalse();
        h.markRecent(12);
        String[] lines = Files.readString(file).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo((now - 5) + " 4");
        assertThat(lines[1]).isEqualTo((now - 1) + " 9");
        assertThat(lines[2]).endsWith(" 12");
    }

    @Test
    void readingStopsAtTheFirstWordThatIsNotANumberAsFscanfDoes() throws Exception {
        Path file = dir.resolve("domid-history");
        long now = DomidHistory.monotonicSeconds();
        Files.writeString(file, now + " 5\nxx 6\n" + now + " 7\n", StandardCharsets.US_ASCII);
        DomidHistory h = new DomidHistory(file, 60);
        assertThat(h.isRecent(5)).isTrue();
        assertThat(h.isRecent(7)).isFalse();
    }

    @Test
    void theClockIsTheSystemsMonotonicClock() throws Exception {
        // CLOCK_MONOTONIC counts from boot like /proc/uptime's first field (CLOCK_BOOTTIME), which
        // is larger only by the time spent suspended: on a machine that did not suspend, equal.
        double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        assertThat((double) DomidHistory.monotonicSeconds()).isBetween(uptime - 5, uptime + 1);
    }
}
