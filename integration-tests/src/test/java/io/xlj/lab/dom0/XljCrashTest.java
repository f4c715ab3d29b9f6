package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Guests that crash (the test guest panics {@code xljlab.crash=S} seconds after "ready"; a PV
 * kernel's panic reaches Xen as shutdown reason crash) handled per on_crash, by Xen's own xl
 * and by xlj's for the same guest: coredump-destroy in the foreground ({@code create -F}: xl's
 * monitor lines, the core in /var/lib/xen/dump/NAME), preserve (left listed, crashed; then
 * {@code xl dump-core} of it), and restart by xljd's monitor.
 */
@Tag("dom0")
@Tag("xljd")
@Tag("xlj-crash")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XljCrashTest {

    private static final Duration BOOT = Duration.ofSeconds(150);
    private static final Path DUMP_DIR = Path.of("/var/lib/xen/dump");

    private final TestGuest stockDump = TestGuest.minimal("stk-crash-dump");
    private final TestGuest xljDump = TestGuest.minimal("xlj-crash-dump");
    private final TestGuest stockKeep = TestGuest.minimal("stk-crash-keep");
    private final TestGuest xljKeep = TestGuest.minimal("xlj-crash-keep");
    private final TestGuest xljRestart = TestGuest.minimal("xlj-crash-restart");

    @BeforeAll
    void toolsAreThere() throws IOException {
        TestGuest.assumeBothXls();
        Files.createDirectories(DUMP_DIR);
    }

    @AfterAll
    void cleanUp() throws IOException {
        for (TestGuest g : List.of(stockDump, xljDump, stockKeep, xljKeep, xljRestart)) {
            g.destroyQuietly();
            Files.deleteIfExists(DUMP_DIR.resolve(g.name));
        }
    }

    /** KEY=VALUE overrides: the crash after S seconds and the on_crash action. */
    private static String[] crashing(TestGuest g, int seconds, String onCrash, String... before) {
        List<String> args = new java.util.ArrayList<>(List.of(before));
        args.add(g.config.toString());
        args.add("extra=\"console=hvc0 rdinit=/init xljlab.crash=" + seconds + "\"");
        args.add("on_crash=\"" + onCrash + "\"");
        return args.toArray(String[]::new);
    }

    private static ExecResult run(String xl, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = xl;
        System.arraycopy(args, 0, cmd, 1, args.length);
        return Exec.run(BOOT.multipliedBy(2), cmd);
    }

    @Test
    void coredumpDestroyInTheForegroundAsXlDoes() throws IOException {
        ExecResult theirs = run(TestGuest.STOCK_XL, crashing(stockDump, 2, "coredump-destroy", "create", "-F"));
        ExecResult mine = run(XljPvLifecycleTest.XLJ, crashing(xljDump, 2, "coredump-destroy", "create", "-F"));
        System.err.println("[crash -F] stock: " + theirs.describe() + "\n[crash -F] xlj: " + mine.describe());
        theirs.assertSuccess();
        mine.assertSuccess();
        String expected = XljCreateOptionsTest.neutral(theirs.stderr(), stockDump);
        assertThat(expected).as("stock xl's lines").contains("Action for shutdown reason code 3 is coredump-destroy")
                .contains("dumping core to " + DUMP_DIR.resolve("NAME")).endsWith("Done. Exiting now\n");
        assertThat(XljCreateOptionsTest.neutral(mine.stderr(), xljDump)).isEqualTo(expected);
        assertThat(xljDump.console()).contains("XLJ-GUEST: crashing");
        Path ours = DUMP_DIR.resolve(xljDump.name);
        Path stocks = DUMP_DIR.resolve(stockDump.name);
        assertThat(magic(ours)).as("ELF magic of %s", ours).isEqualTo(magic(stocks)).startsWith("\u007fELF");
        assertThat(Files.size(ours)).as("core size").isEqualTo(Files.size(stocks));
        assertThat(TestGuest.stockXlListNames()).doesNotContain(stockDump.name, xljDump.name);
    }

    private static String magic(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readNBytes(4), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** on_crash="preserve": the crashed guest stays listed, in the same state as stock's. */
    @Test
    void preserveLeavesTheCrashedGuestListedAsXlDoes() throws IOException {
        run(TestGuest.STOCK_XL, crashing(stockKeep, 2, "preserve", "create")).assertSuccess();
        run(XljPvLifecycleTest.XLJ, crashing(xljKeep, 2, "preserve", "create")).assertSuccess();
        String theirs = XljCreateOptionsTest.awaitState(stockKeep.name, 'c', BOOT);
        String mine = XljCreateOptionsTest.awaitState(xljKeep.name, 'c', BOOT);
        // Whoever could act has had time to: the crashed guests are still there.
        TestGuest.sleep(Duration.ofSeconds(10));
        assertThat(XljCreateOptionsTest.stateOf(xljKeep.name)).isEqualTo(mine).isEqualTo(theirs);
        assertThat(XljCreateOptionsTest.stateOf(stockKeep.name)).isEqualTo(theirs);
        // xl dump-core of the crashed guests: xlj's writes the ELF core Xen's xl writes.
        Path ours = DUMP_DIR.resolve(xljKeep.name);
        Path stocks = DUMP_DIR.resolve(stockKeep.name);
        XljPvLifecycleTest.xlj("dump-core", xljKeep.name, ours.toString()).assertSuccess();
        XljPvLifecycleTest.stock("dump-core", stockKeep.name, stocks.toString()).assertSuccess();
        assertThat(magic(ours)).as("ELF magic of %s", ours).isEqualTo(magic(stocks)).startsWith("\u007fELF");
        assertThat(Files.size(ours)).as("core size").isEqualTo(Files.size(stocks));
        XljPvLifecycleTest.xlj("destroy", xljKeep.name).assertSuccess();
        XljPvLifecycleTest.stock("destroy", stockKeep.name).assertSuccess();
    }

    /** on_crash="restart", carried out by xljd's monitor: a new domain of the same name boots. */
    @Test
    void theDaemonRestartsACrashedGuest() {
        run(XljPvLifecycleTest.XLJ, crashing(xljRestart, 5, "restart", "create")).assertSuccess();
        int first = XljPvLifecycleTest.stockDomid(xljRestart.name);
        xljRestart.awaitConsole("XLJ-GUEST: crashing", BOOT);
        TestGuest.await("new domain " + xljRestart.name, BOOT, () -> {
            ExecResult r = XljPvLifecycleTest.stock("domid", xljRestart.name);
            return r.exitCode() == 0 && Integer.parseInt(r.stdout().trim()) != first;
        });
        // The restarted guest boots again (its console log goes on in the same file).
        TestGuest.await("second boot of " + xljRestart.name, BOOT,
                () -> xljRestart.consoleCount("XLJ-GUEST: boot kernel=") >= 2);
        XljPvLifecycleTest.xlj("destroy", xljRestart.name).assertSuccess();
        assertThat(TestGuest.stockXlListNames()).doesNotContain(xljRestart.name);
    }
}
