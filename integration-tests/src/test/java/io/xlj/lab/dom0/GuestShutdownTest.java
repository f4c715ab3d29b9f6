package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The test guest honours control/shutdown: `xl shutdown` makes it power off by itself
 * (shutdown reason 0, which xl's own log states), not by a destroy.
 */
@Tag("dom0")
@Tag("smoke")
class GuestShutdownTest {

    private final TestGuest guest = TestGuest.minimal("xlj-shutdown");

    @AfterEach
    void cleanUp() {
        guest.destroyQuietly();
    }

    @Test
    void xlShutdownPowersTheGuestOff() throws IOException {
        Exec.run(TestGuest.CREATE, TestGuest.STOCK_XL, "create", guest.config.toString()).assertSuccess();
        guest.awaitConsole("XLJ-GUEST: ready", Duration.ofSeconds(180));

        Exec.run(Duration.ofSeconds(90), TestGuest.STOCK_XL, "shutdown", "-w", guest.name).assertSuccess();

        awaitGone(Duration.ofSeconds(30));
        // xl's per-domain log is the real toolstack's witness of why the domain ended.
        Path xlLog = Path.of("/var/log/xen/xl-" + guest.name + ".log");
        assertThat(Files.readString(xlLog, StandardCharsets.ISO_8859_1))
                .containsPattern("has shut down, reason code 0 ");
        assertThat(guest.console()).contains("XLJ-GUEST: poweroff");
    }

    private void awaitGone(Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (TestGuest.stockXlListNames().contains(guest.name)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError(guest.name + " still listed by xl " + timeout + " after it shut down");
            }
            TestGuest.sleep(Duration.ofMillis(300));
        }
    }
}
