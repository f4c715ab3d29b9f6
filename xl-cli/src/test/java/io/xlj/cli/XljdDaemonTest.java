package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.xlj.rpc.JsonRpc;
import io.xlj.rpc.RpcClient;
import io.xlj.rpc.RpcException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * xljd as a child JVM on temporary sockets with the in-memory test backend
 * ({@link FakeDomainService}): the JSON-RPC protocol, bad input, peer credentials, the
 * read-only socket, per-domain queues, the event stream. No Xen involved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XljdDaemonTest {

    private static final int EVENT_QUEUE = 256;

    private Path dir;
    private Path root;
    private Path ro;
    private Path stats;
    private DaemonProcess daemon;

    @BeforeAll
    void startDaemon() throws Exception {
        dir = Files.createTempDirectory("xljd-test");
        // nobody must reach the sockets in here (the file modes are what is tested).
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        root = dir.resolve("root.sock");
        ro = dir.resolve("ro.sock");
        stats = dir.resolve("stats");
        // Stale socket file of a dead daemon: must be replaced, not fatal.
        java.nio.channels.ServerSocketChannel stale = java.nio.channels.ServerSocketChannel
                .open(java.net.StandardProtocolFamily.UNIX);
        stale.bind(java.net.UnixDomainSocketAddress.of(root));
        stale.close();
        assertThat(root).exists();
        daemon = DaemonProcess.start(dir, "xljd", List.of(), List.of("-Dxlj.fake.stats=" + stats),
                List.of(DaemonProcess.FAKE_BACKEND, "--socket=" + root,
                        // World-connectable, so that SO_PEERCRED (not the file mode) is what refuses non-root.
                        "--socket-mode=0666", "--ro-group=nogroup", "--ro-socket=" + ro,
                        "--event-queue=" + EVENT_QUEUE),
                root);
    }

    @AfterAll
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
            // The daemon removes the socket files it bound when it stops.
            assertThat(root).doesNotExist();
            assertThat(ro).doesNotExist();
        }
    }

    private RpcClient client() throws IOException {
        return RpcClient.connect(root);
    }

    private JsonNode rawCall(RpcClient c, String line) throws IOException {
        c.sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
        return c.read();
    }

    private void assertDaemonAnswers() throws IOException {
        try (RpcClient c = client()) {
            assertThat(c.call("list", null).get(0).get("name").asText()).isEqualTo("Domain-0");
        }
        assertThat(daemon.process.isAlive()).isTrue();
    }

    @Test
    void malformedJsonGetsParseErrorAndTheConnectionSurvives() throws Exception {
        try (RpcClient c = client()) {
            for (String bad : List.of("{not json", "{\"jsonrpc\":\"2.0\",\"method\":\"list\",\"id\":1} trailing",
                    "\u00ff\u00fe", "[" .repeat(5000))) {
                JsonNode reply = rawCall(c, bad);
                assertThat(reply.path("error").path("code").asInt()).as(bad).isEqualTo(JsonRpc.PARSE_ERROR);
                assertThat(reply.get("id").isNull()).isTrue();
                assertThat(reply.path("jsonrpc").asText()).isEqualTo("2.0");
            }
            assertThat(c.call("version", null).get("protocol").asInt()).isEqualTo(1);
        }
        assertDaemonAnswers();
    }

    @Test
    void invalidRequestsAreNamedAndKeepTheirId() throws Exception {
        try (RpcClient c = client()) {
            JsonNode r = rawCall(c, "{\"jsonrpc\":\"1.0\",\"method\":\"list\",\"id\":7}");
            assertThat(r.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
            assertThat(r.get("id").asInt()).isEqualTo(7);
            r = rawCall(c, "[{\"jsonrpc\":\"2.0\",\"method\":\"list\",\"id\":1}]");
            assertThat(r.path("error").path("message").asText()).contains("batch");
            r = rawCall(c, "{\"jsonrpc\":\"2.0\",\"method\":42,\"id\":\"a\"}");
            assertThat(r.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
            assertThat(r.get("id").asText()).isEqualTo("a");
            // A notification (no id) is run but never answered: the next reply is for id 9.
            r = rawCall(c, "{\"jsonrpc\":\"2.0\",\"method\":\"version\"}\n{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":9}");
            assertThat(r.get("id").asInt()).isEqualTo(9);
            assertThat(r.has("result")).isTrue();
        }
    }

    @Test
    void unknownMethodAndBadParams() throws Exception {
        try (RpcClient c = client()) {
            RpcException e = catchThrowableOfType(RpcException.class, () -> c.call("frobnicate", null));
            assertThat(e.code()).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
            assertThat(e.getMessage()).contains("frobnicate");
            e = catchThrowableOfType(RpcException.class, () -> c.call("pause", c.params().put("domain", true)));
            assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
            e = catchThrowableOfType(RpcException.class, () -> c.call("domname", null));
            assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
            JsonNode r = rawCall(c, "{\"jsonrpc\":\"2.0\",\"method\":\"list\",\"params\":[1],\"id\":3}");
            assertThat(r.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
            assertThat(c.call("domid", c.params().put("name", "Domain-0")).get("domid").asInt()).isZero();
        }
    }

    @Test
    void oversizeRequestIsRefusedAndTheConnectionStaysInStep() throws Exception {
        try (RpcClient c = client()) {
            byte[] big = new byte[JsonRpc.MAX_REQUEST_BYTES + 1 + 2];
            Arrays.fill(big, (byte) ' ');
            big[0] = '{';
            big[big.length - 2] = '}';
            big[big.length - 1] = '\n';
            c.sendRaw(big);
            JsonNode r = c.read();
            assertThat(r.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
            assertThat(r.path("error").path("message").asText()).contains("limit is " + JsonRpc.MAX_REQUEST_BYTES);
            // Exactly at the limit is still a request (whitespace-padded JSON).
            byte[] atLimit = new byte[JsonRpc.MAX_REQUEST_BYTES + 1];
            Arrays.fill(atLimit, (byte) ' ');
            byte[] req = "{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":5}".getBytes(StandardCharsets.UTF_8);
            System.arraycopy(req, 0, atLimit, 0, req.length);
            atLimit[atLimit.length - 1] = '\n';
            c.sendRaw(atLimit);
            assertThat(c.read().get("id").asInt()).isEqualTo(5);
            assertThat(c.call("version", null).get("protocol").asInt()).isEqualTo(1);
        }
        assertDaemonAnswers();
    }

    @Test
    void clientThatVanishesMidRequestDoesNotHurt() throws Exception {
        try (RpcClient c = client()) {
            c.sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"li".getBytes(StandardCharsets.UTF_8));
        }
        try (RpcClient c = client()) {
            c.sendRaw(new byte[300_000]);
        }
        assertDaemonAnswers();
    }

    @Test
    void hundredConcurrentClients() throws Exception {
        int n = 100;
        CyclicBarrier allConnected = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    try (RpcClient c = client()) {
                        c.call("version", null);
                        // Every client holds its connection until all 100 are open at once.
                        allConnected.await(60, TimeUnit.SECONDS);
                        return c.call("list", null).get(0).get("name").asText() + "/"
                                + c.call("domname", c.params().put("domid", 0)).get("name").asText();
                    }
                }));
            }
            for (Future<String> f : answers) {
                assertThat(f.get(90, TimeUnit.SECONDS)).isEqualTo("Domain-0/Domain-0");
            }
        } finally {
            pool.shutdownNow();
        }
        assertDaemonAnswers();
    }

    @Test
    void lifecycleThroughTheSocketWithEvents() throws Exception {
        try (RpcClient watcher = client(); RpcClient c = client()) {
            assertThat(watcher.call("subscribe", null).get("subscribed").asBoolean()).isTrue();
            int domid = c.call("create", c.params().put("config", "name = \"life1\"\nmemory = 256\n")
                    .put("file", "life1.cfg")).get("domid").asInt();
            assertThat(c.call("domid", c.params().put("name", "life1")).get("domid").asInt()).isEqualTo(domid);
            c.call("pause", c.params().put("domain", "life1"));
            assertThat(row(c, domid).get("state").asText()).isEqualTo("--p---");
            c.call("unpause", c.params().put("domain", String.valueOf(domid)));
            c.call("reboot", c.params().put("domain", domid));
            c.call("shutdown", c.params().put("domain", "life1"));
            c.call("destroy", c.params().put("domain", "life1"));
            RpcException gone = catchThrowableOfType(RpcException.class,
                    () -> c.call("destroy", c.params().put("domain", "life1")));
            assertThat(gone.code()).isEqualTo(JsonRpc.NO_SUCH_DOMAIN);
            assertThat(gone.getMessage()).isEqualTo("life1 is an invalid domain identifier (rc=-6)");
            List<String> seen = new ArrayList<>();
            while (seen.size() < 6) {
                JsonNode ev = watcher.nextNotification();
                assertThat(ev.get("method").asText()).isEqualTo("event");
                if (ev.path("params").path("name").asText().equals("life1")) {
                    JsonNode p = ev.get("params");
                    seen.add(p.get("type").asText() + (p.hasNonNull("reason") ? ":" + p.get("reason").asText() : ""));
                    assertThat(p.get("domid").asInt()).isEqualTo(domid);
                }
            }
            assertThat(seen).containsExactly("created", "paused", "unpaused", "shutdown:reboot", "shutdown:poweroff",
                    "destroyed");
        }
    }

    private static JsonNode row(RpcClient c, int domid) throws IOException {
        for (JsonNode r : c.call("list", null)) {
            if (r.get("domid").asInt() == domid) {
                return r;
            }
        }
        throw new AssertionError("domain " + domid + " not listed");
    }

    @Test
    void backendFailuresCarryErrnoAndXlMessage() throws Exception {
        try (RpcClient c = client()) {
            c.call("create", c.params().put("config", "name = \"dup1\"\n"));
            RpcException e = catchThrowableOfType(RpcException.class,
                    () -> c.call("create", c.params().put("config", "name = \"dup1\"\n")));
            assertThat(e.code()).isEqualTo(JsonRpc.OPERATION_FAILED);
            assertThat(e.error().data().get("errno").asInt()).isEqualTo(17);
            assertThat(e.error().data().get("errnoName").asText()).isEqualTo("EEXIST");
            assertThat(e.error().data().get("xl").asText()).isEqualTo("Domain with name \"dup1\" already exists.");
            e = catchThrowableOfType(RpcException.class, () -> c.call("destroy", c.params().put("domain", 0)));
            assertThat(e.error().data().get("errnoName").asText()).isEqualTo("EPERM");
            c.call("destroy", c.params().put("domain", "dup1"));
        }
    }

    @Test
    void operationsOnOneDomainAreSerialisedOnDifferentDomainsParallel() throws Exception {
        List<Integer> domids = new ArrayList<>();
        try (RpcClient c = client()) {
            for (int i = 0; i < 4; i++) {
                domids.add(c.call("create", c.params().put("config", "name = \"hold" + i + "\"\n")).get("domid").asInt());
            }
        }
        // Five calls on hold0 and one on each other domain, all at once. The fake backend
        // records how many calls were in flight per domain and overall.
        List<Integer> targets = new ArrayList<>(Collections.nCopies(5, domids.get(0)));
        targets.addAll(domids.subList(1, 4));
        ExecutorService pool = Executors.newFixedThreadPool(targets.size());
        CyclicBarrier go = new CyclicBarrier(targets.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                int domid = targets.get(i);
                String method = i % 2 == 0 ? "pause" : "unpause";
                done.add(pool.submit(() -> {
                    try (RpcClient c = client()) {
                        go.await(30, TimeUnit.SECONDS);
                        return c.call(method, c.params().put("domain", domid));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        String[] maxima = Files.readString(stats).trim().split(" ");
        assertThat(Integer.parseInt(maxima[0])).as("most calls in flight on one domain").isEqualTo(1);
        assertThat(Integer.parseInt(maxima[1])).as("most calls in flight overall").isGreaterThan(1);
        try (RpcClient c = client()) {
            for (int d : domids) {
                c.call("destroy", c.params().put("domain", d));
            }
        }
    }

    @Test
    void slowSubscriberIsDroppedAndDelaysNobody() throws Exception {
        int rounds = 5000;
        try (RpcClient slow = client(); RpcClient fast = client(); RpcClient c = client()) {
            slow.call("subscribe", null);
            fast.call("subscribe", null);
            ExecutorService reader = Executors.newSingleThreadExecutor();
            java.util.concurrent.atomic.AtomicInteger fastCount = new java.util.concurrent.atomic.AtomicInteger();
            try {
                Future<List<String>> fastSeen = reader.submit(() -> {
                    List<String> seen = new ArrayList<>();
                    while (true) {
                        JsonNode ev = fast.nextNotification();
                        assertThat(ev).as("fast subscriber's stream").isNotNull();
                        assertThat(ev.get("method").asText()).isEqualTo("event");
                        JsonNode p = ev.get("params");
                        if (p.get("name").asText().equals("burst")) {
                            seen.add(p.get("type").asText());
                            fastCount.incrementAndGet();
                            if (p.get("type").asText().equals("destroyed")) {
                                return seen;
                            }
                        }
                    }
                });
                // The slow subscriber reads nothing while 2 * rounds + 2 events are published.
                c.call("create", c.params().put("config", "name = \"burst\"\n"));
                for (int i = 0; i < rounds; i++) {
                    if (i % 50 == 0) {
                        // Keep the reading subscriber within 100 events of the publisher (well
                        // inside its queue), whatever the machine's load: it must never overflow.
                        awaitAtLeast(fastCount, 2 * i + 1);
                    }
                    c.call("pause", c.params().put("domain", "burst"));
                    c.call("unpause", c.params().put("domain", "burst"));
                }
                c.call("destroy", c.params().put("domain", "burst"));
                List<String> seen = fastSeen.get(60, TimeUnit.SECONDS);
                assertThat(seen).hasSize(2 * rounds + 2);
                assertThat(seen.get(0)).isEqualTo("created");
                assertThat(seen.get(1)).isEqualTo("paused");
                assertThat(seen.get(seen.size() - 2)).isEqualTo("unpaused");
            } finally {
                reader.shutdownNow();
            }
            // The slow one finds what its socket buffer held, maybe the overflow notice, then the end.
            int events = 0;
            JsonNode last = null;
            while (true) {
                JsonNode m;
                try {
                    m = slow.read();
                } catch (EOFException | java.net.SocketException e) {
                    break;
                }
                last = m;
                if (m.get("method").asText().equals("event")) {
                    events++;
                }
            }
            assertThat(events).isLessThan(2 * rounds + 2);
            if (last != null && last.get("method").asText().equals("error")) {
                assertThat(last.path("params").path("code").asInt()).isEqualTo(JsonRpc.SUBSCRIBER_OVERFLOW);
            }
            assertThat(Files.readString(daemon.log)).contains("subscriber dropped");
        }
        assertDaemonAnswers();
    }

    private static void awaitAtLeast(java.util.concurrent.atomic.AtomicInteger n, int min) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (n.get() < min) {
            assertThat(System.nanoTime()).as("subscriber stalled at %d events", n.get()).isLessThan(end);
            Thread.sleep(1);
        }
    }

    // --- other users, via setpriv ---

    private Path rawClientClasses;

    private List<String> asNobody(Path socket, String... lines) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can run a client as nobody");
        if (rawClientClasses == null) {
            // nobody cannot read the build tree's parents or the Maven repository: give it a
            // copy of the one dependency-free class it runs.
            rawClientClasses = Files.createDirectories(dir.resolve("rawclient/io/xlj/cli")).getParent().getParent().getParent();
            Path cls = Path.of(RawLineClient.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve("io/xlj/cli/RawLineClient.class");
            Files.copy(cls, dir.resolve("rawclient/io/xlj/cli/RawLineClient.class"));
            try (Stream<Path> s = Files.walk(rawClientClasses)) {
                for (Path p : s.toList()) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                            Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup",
                "--clear-groups", DaemonProcess.JAVA, "-XX:-UsePerfData", "-Xshare:off", "-cp",
                rawClientClasses.toString(), RawLineClient.class.getName(), socket.toString()));
        cmd.addAll(List.of(lines));
        Path outFile = dir.resolve("nobody.out");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(outFile.toFile()).start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(outFile);
        assertThat(exited).as("client as nobody finished: %s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void nonRootIsRefusedOnTheRootSocket() throws Exception {
        List<String> out = asNobody(root, "{\"jsonrpc\":\"2.0\",\"method\":\"list\",\"id\":1}");
        // The refusal may already be there when the client writes (then the write fails: EPIPE).
        JsonNode refusal = JsonRpc.mapper().readTree(out.stream().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no reply: " + out)));
        assertThat(refusal.path("error").path("code").asInt()).as(out.toString()).isEqualTo(JsonRpc.NOT_PERMITTED);
        assertThat(refusal.path("error").path("message").asText()).contains("only root").contains("nobody");
        assertThat(out).last().isEqualTo("EOF");
        assertDaemonAnswers();
    }

    @Test
    void readOnlySocketAnswersQueriesOnly() throws Exception {
        int domid;
        try (RpcClient c = client()) {
            domid = c.call("create", c.params().put("config", "name = \"keep1\"\n")).get("domid").asInt();
        }
        List<String> out = asNobody(ro, "{\"jsonrpc\":\"2.0\",\"method\":\"list\",\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"destroy\",\"params\":{\"domain\":\"keep1\"},\"id\":2}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"create\",\"params\":{\"config\":\"name='x'\"},\"id\":3}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"domid\",\"params\":{\"name\":\"keep1\"},\"id\":4}");
        JsonNode list = JsonRpc.mapper().readTree(out.get(0));
        assertThat(list.get("result").toString()).contains("\"keep1\"");
        for (String refused : out.subList(1, 3)) {
            JsonNode r = JsonRpc.mapper().readTree(refused);
            assertThat(r.path("error").path("code").asInt()).as(refused).isEqualTo(JsonRpc.NOT_PERMITTED);
            assertThat(r.path("error").path("message").asText()).contains("read-only socket");
        }
        assertThat(JsonRpc.mapper().readTree(out.get(3)).path("result").path("domid").asInt()).isEqualTo(domid);
        try (RpcClient c = client()) {
            assertThat(c.call("domname", c.params().put("domid", domid)).get("name").asText()).isEqualTo("keep1");
            c.call("destroy", c.params().put("domain", domid));
        }
        // The read-only socket is group nogroup, mode 0660: others cannot even connect.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ro))).isEqualTo("rw-rw----");
        assertThat(Files.getAttribute(ro, "posix:group").toString()).isEqualTo("nogroup");
    }
}
