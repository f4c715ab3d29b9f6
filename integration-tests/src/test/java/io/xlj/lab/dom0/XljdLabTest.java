package io.xlj.lab.dom0;

import static io.xlj.lab.dom0.TestGuest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xlj.libxl.monitor.MonitorLock;
import io.xlj.rpc.RpcClient;
import io.xlj.rpc.RpcException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 8 in the lab: xljd (the distribution's bin/xljd, its real Xen backend) on a
 * temporary socket in dom0, driven through io.xlj.rpc.RpcClient, with Xen's own xl,
 * xenstore-ls and xenconsoled's guest logs as the witnesses: create, pause, unpause through
 * the daemon; a guest that reboots is restarted by the daemon (new domid, same name and
 * uuid, its console shows a second boot); a guest that powers off is destroyed without a
 * trace; kill -9 of the daemon while idle and during a create, then a new daemon: every
 * domain still listed and managed, the unfinished create rolled back, no orphan xenstore
 * node or userdata file; a guest whose kernel panics is handled per on_crash (preserve,
 * destroy); a domain of Xen's xl, whose own monitor process watches it, is left to it.
 */
@Tag("dom0")
@Tag("xljd")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XljdLabTest {

    static final String XLJD = System.getenv().getOrDefault("XLJ_HOME", "/opt/xlj") + "/bin/xljd";
    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration BOOT = Duration.ofMinutes(4);
    private static final Duration ACT = Duration.ofMinutes(3);

    private final TestGuest rebooter = TestGuest.minimal("xljd-reboot");
    private final TestGuest killed = TestGuest.minimal("xljd-killed");
    private final TestGuest crashPreserve = TestGuest.minimal("xljd-crash-keep");
    private final TestGuest crashDestroy = TestGuest.minimal("xljd-crash-gone");
    private final TestGuest stockGuest = TestGuest.minimal("xljd-stock");
    private final TestGuest named = TestGuest.minimal("xljd-named");
    private final TestGuest stockNamed = TestGuest.minimal("xljd-named-stock");

    private Path dir;
    private Path socket;
    private Path log;
    private Process daemon;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private int rebooterDomid;
    private String rebooterUuid;

    @BeforeAll
    void start() throws IOException {
        assumeTrue(Files.isExecutable(Path.of(XLJD)), "no xlj distribution at " + XLJD);
        dir = Files.createTempDirectory("xljd-lab");
        socket = dir.resolve("xljd.sock");
        log = dir.resolve("xljd.log");
        stopHostDaemon();
        startDaemon();
    }

    /**
     * The xljd that bin/xl started for earlier suites monitors the host's domains; this suite's
     * daemon is to be the only one (MonitorLock), so that one is stopped first. bin/xl starts
     * it again on its next use.
     */
    private static void stopHostDaemon() {
        MonitorLock.holder(MonitorLock.PATH).stream().mapToObj(ProcessHandle::of).flatMap(Optional::stream)
                .filter(p -> p.info().commandLine().orElse("").contains("io.xlj.cli.Xljd"))
                .forEach(p -> {
                    System.err.println("[dom0] stopping the host's xljd (pid " + p.pid() + ") for this suite's own");
                    p.destroy();
                    p.onExit().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
                });
    }

    @AfterAll
    void stop() {
        try {
            for (TestGuest g : List.of(rebooter, killed, crashPreserve, crashDestroy, stockGuest, named, stockNamed)) {
                g.destroyQuietly();
            }
            for (String renamed : List.of(named.name + "-b", named.name + "-c", named.name + "-d")) {
                Exec.run(Duration.ofSeconds(60), TestGuest.STOCK_XL, "destroy", renamed);
            }
        } finally {
            if (daemon != null) {
                daemon.destroy();
            }
            System.err.println("[dom0] xljd log:\n" + daemonLog());
        }
    }

    // ---- the tests, in order ----

    @Test
    @Order(1)
    void listAndInfoAnswerFromXen() throws IOException {
        JsonNode list = call("list", null);
        assertThat(list.get(0).get("name").asText()).isEqualTo("Domain-0");
        assertThat(TestGuest.stockXlListDomids()).contains(list.get(0).get("domid").asInt());
        // Each entry has the columns of stock xl's row for it (running/blocked set aside: they
        // change between the two calls).
        String row = Exec.run(Duration.ofSeconds(30), TestGuest.STOCK_XL, "list", "0").assertSuccess()
                .stdout().lines().skip(1).findFirst().orElseThrow();
        String[] cols = row.trim().split("\\s+");
        JsonNode d0 = list.get(0);
        assertThat(List.of(d0.get("name").asText(), d0.get("domid").asText(), d0.get("memoryMiB").asText(),
                d0.get("vcpus").asText(), d0.get("state").asText().substring(2)))
                .isEqualTo(List.of(cols[0], cols[1], cols[2], cols[3], cols[4].substring(2)));
        assertThat(d0.get("cpuTime").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(Double.parseDouble(cols[5]));
        JsonNode info = call("info", null);
        assertThat(info.get("xenVersion").asText()).startsWith("4.17");
    }

    @Test
    @Order(2)
    void createPauseUnpauseThroughTheDaemon() throws IOException {
        rebooterDomid = create(config(rebooter.name, "console=hvc0 rdinit=/init", "restart", "destroy"), false);
        rebooter.awaitConsole("XLJ-GUEST: ready", BOOT);
        assertThat(TestGuest.stockXlListNames()).contains(rebooter.name);
        rebooterUuid = DomainTraces.read("/local/domain/" + rebooterDomid + "/vm");
        assertThat(rebooterUuid).startsWith("/vm/");

        call("pause", domain(rebooter.name));
        assertThat(stockState(rebooter.name)).contains("p");
        call("unpause", domain(Integer.toString(rebooterDomid)));
        assertThat(stockState(rebooter.name)).doesNotContain("p");
        awaitEvent("paused", rebooterDomid, null);
        awaitEvent("unpaused", rebooterDomid, null);
    }

    @Test
    @Order(3)
    void aGuestThatRebootsIsRestartedByTheDaemon() throws IOException {
        int boots = rebooter.consoleCount("XLJ-GUEST: boot");
        call("reboot", domain(rebooter.name));
        rebooter.awaitConsole("XLJ-GUEST: reboot", BOOT);
        awaitEvent("shutdown", rebooterDomid, "reboot");
        awaitEvent("destroyed", rebooterDomid, null);
        await("a new " + rebooter.name + " in xl list", ACT, () -> stockDomid(rebooter.name) > 0
                && stockDomid(rebooter.name) != rebooterDomid);
        int newDomid = stockDomid(rebooter.name);
        await("a second boot on the console", BOOT, () -> rebooter.consoleCount("XLJ-GUEST: ready") > boots);
        assertThat(rebooter.consoleCount("XLJ-GUEST: boot")).isGreaterThan(boots);
        // Same uuid: the restart is the same domain to Xen's tools.
        assertThat(DomainTraces.read("/local/domain/" + newDomid + "/vm")).isEqualTo(rebooterUuid);
        awaitEvent("created", newDomid, "restart");
        assertThat(DomainTraces.nodesOf(rebooterDomid, null)).isEmpty();
        rebooterDomid = newDomid;
    }

    @Test
    @Order(4)
    void killedWhileIdleTheNextDaemonStillManagesEveryDomain() throws IOException {
        killDaemon();
        startDaemon();
        assertThat(names(call("list", null))).contains(rebooter.name);
        // The new daemon carries out the poweroff action of a domain it did not create.
        call("shutdown", domain(rebooter.name));
        rebooter.awaitConsole("XLJ-GUEST: poweroff", BOOT);
        await(rebooter.name + " destroyed after its poweroff", ACT,
                () -> !TestGuest.stockXlListNames().contains(rebooter.name));
        awaitEvent("shutdown", rebooterDomid, "poweroff");
        awaitEvent("destroyed", rebooterDomid, null);
        assertThat(DomainTraces.nodesOf(rebooterDomid, rebooterUuid.substring("/vm/".length()))).isEmpty();
        assertThat(DomainTraces.userdataOf(rebooterDomid, rebooterUuid.substring("/vm/".length()))).isEmpty();
    }

    @Test
    @Order(5)
    void killedDuringACreateTheNextDaemonRollsItBack() throws Exception {
        AtomicReference<Throwable> createResult = new AtomicReference<>();
        Thread creator = new Thread(() -> {
            try {
                callOnce("create", io.xlj.rpc.JsonRpc.mapper().createObjectNode().put("config",
                        config(killed.name, "console=hvc0 rdinit=/init", "restart", "destroy")).put("file", "lab.cfg"));
            } catch (IOException | RuntimeException e) {
                createResult.set(e);
            }
        }, "create-to-be-killed");
        creator.start();
        // The create has begun once its mark is in xenstore; kill the daemon while the domain is built.
        await("xljd's creation mark", ACT, () -> !creatingMarks().isEmpty());
        // Best: kill once the domain exists (half built); a kill before that still tests the mark.
        Instant until = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(until) && stockDomid(killed.name) < 0) {
            TestGuest.sleep(Duration.ofMillis(200));
        }
        killDaemon();
        assertThat(creatingMarks()).as("the create was still in flight when xljd was killed").isNotEmpty();
        creator.join(Duration.ofMinutes(1).toMillis());
        System.err.println("[dom0] the killed create ended with: " + createResult.get()
                + "; xl list: " + TestGuest.stockXlListNames());
        startDaemon();
        assertThat(creatingMarks()).isEmpty();
        assertThat(TestGuest.stockXlListNames()).doesNotContain(killed.name);
        assertNoOrphans();
    }

    @Test
    @Order(6)
    void aCrashedGuestIsPreservedWhenOnCrashSaysPreserve() throws IOException {
        int domid = create(config(crashPreserve.name, "console=hvc0 rdinit=/xlj-no-such-init", "restart",
                "preserve"), false);
        awaitEvent("crashed", domid, "crash");
        await("the daemon's decision", ACT, () -> "preserve".equals(
                DomainTraces.read("/libxl/" + domid + "/xlj-shutdown-handled")));
        crashPreserve.awaitConsole("Kernel panic", BOOT);
        assertThat(stockState(crashPreserve.name)).contains("s").contains("c");
        call("destroy", domain(crashPreserve.name));
        awaitEvent("destroyed", domid, null);
        assertThat(TestGuest.stockXlListNames()).doesNotContain(crashPreserve.name);
        assertNoOrphans();
    }

    @Test
    @Order(7)
    void aCrashedGuestIsDestroyedWhenOnCrashSaysDestroy() throws IOException {
        int domid = create(config(crashDestroy.name, "console=hvc0 rdinit=/xlj-no-such-init", "restart",
                "destroy"), false);
        awaitEvent("crashed", domid, "crash");
        awaitEvent("destroyed", domid, null);
        // No look at the console: xenconsoled may not read the last of the ring of a domain
        // destroyed right after its panic. The crash itself is Xen's shutdown code, in the event.
        assertThat(TestGuest.stockXlListNames()).doesNotContain(crashDestroy.name);
        assertNoOrphans();
    }

    @Test
    @Order(8)
    void aDomainOfXensXlIsLeftToItsOwnMonitor() throws IOException {
        Exec.run(TestGuest.CREATE, TestGuest.STOCK_XL, "create", stockGuest.config.toString()).assertSuccess();
        stockGuest.awaitConsole("XLJ-GUEST: ready", BOOT);
        int domid = stockDomid(stockGuest.name);
        assertThat(names(call("list", null))).contains(stockGuest.name);
        Exec.run(Duration.ofSeconds(90), TestGuest.STOCK_XL, "shutdown", "-w", stockGuest.name).assertSuccess();
        awaitEvent("shutdown", domid, "poweroff");
        awaitEvent("destroyed", domid, null);
        // Xen's xl monitor destroyed it, not xljd: xl says so in its own log, xljd's log does not.
        String xlLog = Files.readString(Path.of("/var/log/xen/xl-" + stockGuest.name + ".log"),
                StandardCharsets.ISO_8859_1);
        assertThat(xlLog).contains("Domain " + domid + " needs to be cleaned up: destroying the domain");
        await("xljd's decision about " + stockGuest.name, ACT, () -> daemonLog().contains(
                "domain " + domid + " (" + stockGuest.name + ") is watched by Xen's xl monitor")
                || daemonLog().contains("domain " + domid + " (" + stockGuest.name + ") is gone"));
        assertThat(daemonLog()).doesNotContain("Domain " + domid + " needs to be cleaned up");
        assertNoOrphans();
    }

    /**
     * The daemon's list takes names from a watch-fed cache: after every rename (Xen's xl, xlj's
     * xl through this daemon), destroy and create, by either toolstack, it must list what stock
     * xl lists, asked right after the command returned.
     */
    @Test
    @Order(9)
    void listedNamesFollowRenamesDestroysAndCreatesByEitherToolstack() throws IOException {
        Map<String, String> viaThisDaemon = Map.of("XLJ_SOCKET", socket.toString(), "XLJ_NO_AUTOSTART", "1");
        int domid = create(config(named.name, "console=hvc0 rdinit=/init", "destroy", "destroy"), true);
        assertListedAsStockXlLists();
        // Xen's own xl: /local/domain/N/name and /vm/UUID/name in its transaction, behind xljd's back.
        Exec.run(ACT, TestGuest.STOCK_XL, "rename", named.name, named.name + "-b").assertSuccess();
        assertListedAsStockXlLists();
        assertThat(listedName(domid)).isEqualTo(named.name + "-b");
        // xlj's xl, run by this daemon (its own change: read-your-writes).
        Exec.run(viaThisDaemon, ACT, XljPvLifecycleTest.XLJ, "rename", named.name + "-b", named.name + "-c")
                .assertSuccess();
        assertListedAsStockXlLists();
        assertThat(listedName(domid)).isEqualTo(named.name + "-c");
        // Back and forth, each time asked at once.
        for (int i = 0; i < 3; i++) {
            Exec.run(ACT, TestGuest.STOCK_XL, "rename", named.name + "-c", named.name + "-d").assertSuccess();
            assertThat(listedName(domid)).isEqualTo(named.name + "-d");
            Exec.run(viaThisDaemon, ACT, XljPvLifecycleTest.XLJ, "rename", named.name + "-d", named.name + "-c")
                    .assertSuccess();
            assertThat(listedName(domid)).isEqualTo(named.name + "-c");
        }
        // A domain of Xen's xl, then both destroyed, each by the other toolstack.
        Exec.run(TestGuest.CREATE, TestGuest.STOCK_XL, "create", "-p", stockNamed.config.toString()).assertSuccess();
        assertListedAsStockXlLists();
        int stockDomid = stockDomid(stockNamed.name);
        assertThat(listedName(stockDomid)).isEqualTo(stockNamed.name);
        Exec.run(viaThisDaemon, ACT, XljPvLifecycleTest.XLJ, "rename", stockNamed.name, stockNamed.name + "-x")
                .assertSuccess();
        assertThat(listedName(stockDomid)).isEqualTo(stockNamed.name + "-x");
        Exec.run(viaThisDaemon, ACT, XljPvLifecycleTest.XLJ, "destroy", stockNamed.name + "-x").assertSuccess();
        assertListedAsStockXlLists();
        Exec.run(ACT, TestGuest.STOCK_XL, "destroy", named.name + "-c").assertSuccess();
        assertListedAsStockXlLists();
        assertThat(listedName(domid)).isNull();
        // The same name again, through the daemon.
        int again = create(config(named.name, "console=hvc0 rdinit=/init", "destroy", "destroy"), true);
        assertThat(listedName(again)).isEqualTo(named.name);
        assertListedAsStockXlLists();
        call("destroy", domain(named.name));
        assertListedAsStockXlLists();
    }

    /** The daemon's (domid, name) pairs are stock xl list's. */
    private void assertListedAsStockXlLists() throws IOException {
        List<String> ours = new ArrayList<>();
        call("list", null).forEach(d -> ours.add(d.get("domid").asInt() + " " + d.get("name").asText()));
        List<String> stock = Exec.run(Duration.ofSeconds(30), TestGuest.STOCK_XL, "list").assertSuccess().stdout()
                .lines().skip(1).map(l -> l.trim().split("\\s+")).map(c -> c[1] + " " + c[0]).toList();
        assertThat(ours).containsExactlyElementsOf(stock);
    }

    /** The name the daemon lists for a domid, null if it lists no such domain. */
    private String listedName(int domid) throws IOException {
        for (JsonNode d : call("list", null)) {
            if (d.get("domid").asInt() == domid) {
                return d.get("name").asText();
            }
        }
        return null;
    }

    // ---- the daemon ----

    private void startDaemon() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(XLJD, "--socket=" + socket, "--log-file=" + log);
        // Under systemd xljd would log to standard output for journald; here, its log file.
        pb.environment().remove("JOURNAL_STREAM");
        daemon = pb
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout").toFile()))
                .redirectErrorStream(true)
                .start();
        Process p = daemon;
        await("xljd answering on " + socket, START, () -> {
            if (!p.isAlive()) {
                throw new AssertionError("xljd exited " + p.exitValue() + "; output:\n" + read(dir.resolve("stdout"))
                        + "\nlog:\n" + daemonLog());
            }
            try (RpcClient c = RpcClient.connect(socket)) {
                c.call("version", null);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        Thread t = new Thread(() -> {
            try (RpcClient c = RpcClient.connect(socket)) {
                c.call("subscribe", null);
                for (JsonNode n; (n = c.nextNotification()) != null; ) {
                    if (n.has("params")) {
                        events.add(n.get("params"));
                    }
                }
            } catch (IOException e) {
                // the daemon went away (killed by the test)
            }
        }, "xljd-events");
        t.setDaemon(true);
        t.start();
        // The subscription is in place once a call on another connection has been answered after it.
        TestGuest.sleep(Duration.ofSeconds(1));
    }

    private void killDaemon() {
        try {
            daemon.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        assertThat(daemon.exitValue()).isEqualTo(137);
    }

    /** What HotSpot prints when it dies of a fatal error (see Exec): the emulator, not xljd. */
    private static final String JVM_FATAL = "A fatal error has been detected by the Java Runtime Environment";

    /**
     * Calls xljd; when the daemon's JVM died of a fatal VM error (QEMU TCG's fault, lab
     * README), starts a new daemon — which must find everything as it was, the very property
     * under test — and calls once more.
     */
    private JsonNode call(String method, JsonNode params) throws IOException {
        try {
            return callOnce(method, params);
        } catch (IOException e) {
            TestGuest.sleep(Duration.ofSeconds(1));
            if (daemon.isAlive() || !read(dir.resolve("stdout")).contains(JVM_FATAL)) {
                throw e;
            }
            System.err.println("[dom0] xljd's JVM crashed (emulator fault): starting it again; " + e);
            Files.move(dir.resolve("stdout"), dir.resolve("stdout.crashed-" + System.nanoTime()));
            startDaemon();
            return callOnce(method, params);
        }
    }

    private JsonNode callOnce(String method, JsonNode params) throws IOException {
        try (RpcClient c = RpcClient.connect(socket)) {
            long t0 = System.nanoTime();
            JsonNode r = c.call(method, params);
            System.err.printf("[dom0] xljd %s %s -> %s (%.1f s)%n", method, params == null ? "" : params,
                    r.toString().length() > 200 ? r.toString().substring(0, 200) + "..." : r,
                    (System.nanoTime() - t0) / 1e9);
            return r;
        } catch (RpcException e) {
            throw new AssertionError("xljd " + method + " failed: " + e.getMessage() + "\nlog:\n" + daemonLog(), e);
        }
    }

    private int create(String config, boolean paused) throws IOException {
        ObjectNode p = io.xlj.rpc.JsonRpc.mapper().createObjectNode().put("config", config).put("file", "lab.cfg")
                .put("paused", paused);
        try {
            return callOnce("create", p).get("domid").asInt();
        } catch (IOException e) {
            // The daemon's JVM died (emulator fault) in the middle: the create either finished
            // (the domain is there) or was rolled back by the next daemon; call() restarts it.
            String name = config.lines().findFirst().orElseThrow().replaceAll("^name = \"|\"$", "");
            JsonNode list = call("list", null);
            for (JsonNode d : list) {
                if (d.get("name").asText().equals(name)) {
                    return d.get("domid").asInt();
                }
            }
            return call("create", p).get("domid").asInt();
        }
    }

    private static ObjectNode domain(String d) {
        return io.xlj.rpc.JsonRpc.mapper().createObjectNode().put("domain", d);
    }

    private static String config(String name, String extra, String onReboot, String onCrash) {
        return String.join("\n",
                "name = \"" + name + "\"",
                "type = \"pv\"",
                "kernel = \"" + TestGuest.KERNEL + "\"",
                "ramdisk = \"" + TestGuest.INITRD + "\"",
                "extra = \"" + extra + "\"",
                "memory = 128",
                "vcpus = 1",
                "on_poweroff = \"destroy\"",
                "on_reboot = \"" + onReboot + "\"",
                "on_crash = \"" + onCrash + "\"") + "\n";
    }

    private void awaitEvent(String type, int domid, String reason) {
        await("event " + type + " of domain " + domid + (reason == null ? "" : " (" + reason + ")"), ACT,
                () -> events.stream().anyMatch(e -> e.path("type").asText().equals(type)
                        && e.path("domid").asInt() == domid
                        && (reason == null || reason.equals(e.path("reason").asText()))));
    }

    private String daemonLog() {
        return log == null ? "" : read(log) + read(dir.resolve("stdout"));
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- what Xen's own tools see ----

    private static List<String> creatingMarks() {
        ExecResult r = Exec.run(Duration.ofSeconds(30), "xenstore-list", "/xlj/creating");
        return r.exitCode() == 0 ? r.stdout().lines().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static String stockState(String name) {
        ExecResult r = Exec.run(Duration.ofSeconds(30), TestGuest.STOCK_XL, "list", name).assertSuccess();
        String[] cols = r.stdout().lines().skip(1).findFirst().orElseThrow().trim().split("\\s+");
        return cols[cols.length - 2];
    }

    private static int stockDomid(String name) {
        ExecResult r = Exec.run(Duration.ofSeconds(30), TestGuest.STOCK_XL, "domid", name);
        return r.exitCode() == 0 ? Integer.parseInt(r.stdout().trim()) : -1;
    }

    private static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(d -> out.add(d.get("name").asText()));
        return out;
    }

    /** No xenstore node, and no userdata file, of a domain that Xen does not list. */
    private static void assertNoOrphans() {
        Set<Integer> live = new TreeSet<>(TestGuest.stockXlListDomids());
        Pattern owner = Pattern.compile("^/(?:local/domain|libxl)/(\\d+)(?:/|$)");
        Set<Integer> withNodes = new TreeSet<>();
        for (String line : DomainTraces.xenstoreLines()) {
            Matcher m = owner.matcher(DomainTraces.pathOf(line));
            if (m.find()) {
                withNodes.add(Integer.parseInt(m.group(1)));
            }
        }
        withNodes.removeAll(live);
        assertThat(withNodes).as("domids with xenstore nodes but no domain").isEmpty();
        Pattern ud = Pattern.compile("^userdata-.\\.(\\d+)\\.");
        Set<Integer> withFiles = new TreeSet<>();
        for (Path p : DomainTraces.allUserdata()) {
            Matcher m = ud.matcher(p.getFileName().toString());
            if (m.find()) {
                withFiles.add(Integer.parseInt(m.group(1)));
            }
        }
        withFiles.removeAll(live);
        assertThat(withFiles).as("domids with userdata files but no domain").isEmpty();
    }
}
