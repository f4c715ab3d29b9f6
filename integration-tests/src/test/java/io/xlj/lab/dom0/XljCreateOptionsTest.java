package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code xl create -c} and {@code -e} on real Xen, each run by Xen's own xl and by xlj's
 * (bin/xl, the daemon's thin client) for the same guest: with -c the caller's stdout gets
 * the guest's console; with -e nobody carries out on_poweroff, so a guest that powers off
 * stays listed, shut down, until it is destroyed (xlj's only, see below).
 */
@Tag("dom0")
@Tag("xlj-pv")
@Tag("xlj-create")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XljCreateOptionsTest {

    private static final Duration BOOT = Duration.ofSeconds(150);

    private final TestGuest stockC = TestGuest.minimal("stk-create-c");
    private final TestGuest xljC = TestGuest.minimal("xlj-create-c");
    private final TestGuest xljE = TestGuest.minimal("xlj-create-e");

    @BeforeAll
    void toolsAreThere() {
        TestGuest.assumeBothXls();
    }

    @AfterAll
    void cleanUp() {
        for (TestGuest g : List.of(stockC, xljC, xljE)) {
            g.destroyQuietly();
        }
    }

    /**
     * The console runs until its domain goes: a helper destroys the guest once its console
     * log (xenconsoled's, independent of -c) says it is ready; stdin is a pipe that stays
     * open meanwhile, as a terminal would.
     */
    private static ExecResult createWithConsole(String xl, TestGuest g) {
        String script = "(for i in $(seq 1 " + BOOT.toSeconds() + "); do grep -q 'XLJ-GUEST: ready' "
                + g.consoleLog() + " 2>/dev/null && break; sleep 1; done; sleep 2; " + TestGuest.STOCK_XL
                + " destroy " + g.name + ") & sleep " + (BOOT.toSeconds() + 30) + " | " + xl + " create -c "
                + g.config + "; status=$?; wait; exit $status";
        return Exec.run(BOOT.plusSeconds(60), "bash", "-c", script);
    }

    @Test
    void createMinusCPutsTheGuestsConsoleOnStdout() {
        ExecResult theirs = createWithConsole(TestGuest.STOCK_XL, stockC);
        ExecResult mine = createWithConsole(XljPvLifecycleTest.XLJ, xljC);
        System.err.println("[create -c] stock: " + theirs.describe() + "\n[create -c] xlj: " + mine.describe());
        assertThat(theirs.stdout()).as("stock xl create -c").contains("XLJ-GUEST: ready");
        assertThat(mine.stdout()).as("xlj's xl create -c").contains("XLJ-GUEST: boot kernel=")
                .contains("XLJ-GUEST: ready");
        assertThat(mine.stderr()).isEqualTo("Parsing config from " + xljC.config + "\n");
        assertThat(TestGuest.stockXlListNames()).doesNotContain(stockC.name, xljC.name);
    }

    /**
     * Only xlj's guest: where xljd runs it owns the shutdown actions of every domain without
     * a live xl monitor (issue 8), so stock xl's {@code -e} guest is destroyed by xljd (seen in
     * the lab); an xlj {@code -e} guest is marked for the daemon to leave alone.
     */
    @Test
    void createMinusELeavesAGuestThatPoweredOffShutDown() {
        XljPvLifecycleTest.xlj("create", "-e", xljE.config.toString()).assertSuccess();
        xljE.awaitReady(BOOT);
        XljPvLifecycleTest.stock("shutdown", xljE.name).assertSuccess();
        awaitState(xljE.name, 's', Duration.ofSeconds(90));
        // on_poweroff = "destroy" would have removed it by now, had anyone acted.
        TestGuest.sleep(Duration.ofSeconds(10));
        assertThat(stateOf(xljE.name)).as("state of %s", xljE.name).contains("s");
        XljPvLifecycleTest.xlj("destroy", xljE.name).assertSuccess();
        assertThat(TestGuest.stockXlListNames()).doesNotContain(xljE.name);
    }

    /** The State column of stock xl list for the domain, "" when it is not listed. */
    private static String stateOf(String name) {
        ExecResult r = XljPvLifecycleTest.stock("list", name);
        if (r.exitCode() != 0) {
            return "";
        }
        String[] cols = r.stdout().lines().skip(1).findFirst().orElse("").trim().split("\\s+");
        return cols.length >= 5 ? cols[4] : "";
    }

    private static void awaitState(String name, char state, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (stateOf(name).indexOf(state) < 0) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError(name + " never reached state '" + state + "' (now: '" + stateOf(name) + "')");
            }
            TestGuest.sleep(Duration.ofSeconds(1));
        }
    }
}
