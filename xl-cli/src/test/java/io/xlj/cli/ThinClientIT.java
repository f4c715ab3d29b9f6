package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.config.spec.HostTopology;
import io.xlj.config.xlparse.HostInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/xl as the daemon's thin client (lib/xl-client + the "xl" method): with an xljd on
 * XLJ_SOCKET, commands run inside the daemon and must print exactly what Debian's real xl
 * prints (stdout, stderr, exit code), with the caller's working directory and argv[0]; the
 * daemon's log proves it served each one. Without a daemon that can serve, bin/xl runs
 * the JVM as before. The daemon here has the in-memory backend, so only commands that need
 * no Xen are compared; the lab runs the rest through the daemon on real Xen.
 */
class ThinClientIT {

    private static final Path XL = OracleXl.MODULE.resolve("target/xlj-dist/bin/xl");
    private static final Pattern RANDOM_UUID =
            Pattern.compile("\"uuid\": \"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\"");

    @TempDir
    static Path dir;
    private static Path socket;
    private static DaemonProcess daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        socket = dir.resolve("xljd.sock");
        // The daemon works from "/", so a relative file name only resolves through the client's cwd;
        // it sees the oracle shim's pretend host (4 CPUs, 1 node).
        daemon = DaemonProcess.start(dir, "xljd", List.of("env", "-C", "/"),
                List.of("-D" + HostInfo.TOPOLOGY_PROPERTY + "=cpus=4,nodes=1", "-D" + HostTopology.PROPERTY + "=cpus=4,nodes=1"),
                List.of(DaemonProcess.FAKE_BACKEND, "--socket=" + socket), socket);
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** Runs bin/xl with {@code env} in the module directory (where the oracle runs too). */
    static OracleXl.Run xl(Map<String, String> env, List<String> args) {
        return xl(XL, env, args);
    }

    /** Runs {@code program} (a way to xlj's xl) as {@link #xl(Map, List)} does. */
    static OracleXl.Run xl(Path program, Map<String, String> env, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(program.toString());
        cmd.addAll(args);
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putIfAbsent("XLJ_NO_DAEMON", null);
        OracleXl.Run r = OracleXl.process(cmd, all);
        return new OracleXl.Run(r.out(), r.err().replace(program + ":", "xl:"), r.rc());
    }

    private static long servedCount() throws IOException {
        return Files.readAllLines(daemon.log).stream().filter(l -> l.contains("XlMethod: xl")).count();
    }

    private static OracleXl.Run masked(OracleXl.Run r) {
        return new OracleXl.Run(RANDOM_UUID.matcher(r.out()).replaceAll("\"uuid\": \"<random>\""), r.err(), r.rc());
    }

    private static List<List<String>> commandLines() throws IOException {
        List<List<String>> lines = new ArrayList<>(List.of(List.of("help"), List.of("help", "cr"), List.of(),
                List.of("-z"), List.of("bogus"), List.of("-N", "li"), List.of("help", "x\u00e9\u00ff"),
                List.of("caf\u00e9"), List.of("-N", "create"), List.of("-N", "create", "no-such.cfg"),
                List.of("-N", "vcpu-pin", "0", "all", "1-3"), List.of("-N", "block-attach", "0", "vdev=xvda,target=/x"),
                List.of("-N", "create", "src/test/resources/create/xen/xlexample.pvlinux", "memory=64", "name=\"\u00e9\"")));
        // Relative config names, as an admin types them: every fourth of our own corpus, and Xen's examples.
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/create/own"))) {
            List<Path> own = s.filter(p -> p.toString().endsWith(".cfg")).sorted().toList();
            for (int i = 0; i < own.size(); i += 4) {
                lines.add(List.of("-N", "create", own.get(i).toString()));
            }
        }
        for (String x : List.of("xlexample.hvm", "xlexample.pvhlinux", "xlexample.pvlinux")) {
            lines.add(List.of("-N", "create", "src/test/resources/create/xen/" + x));
        }
        return lines;
    }

    @Test
    void commandsRunInTheDaemonAsTheRealXlWould() throws Exception {
        long before = servedCount();
        List<List<String>> lines = commandLines();
        for (List<String> args : lines) {
            OracleXl.Run ours = xl(Map.of("XLJ_SOCKET", socket.toString()), args);
            OracleXl.Run real = OracleXl.real(args.toArray(new String[0]));
            assertThat(masked(ours)).as("xl %s through the daemon", args).isEqualTo(masked(real));
        }
        assertThat(servedCount() - before).as("commands the daemon ran (its log)").isEqualTo(lines.size());
    }

    @Test
    void theSourceTreeScriptAndALinkToTheInstalledXlReachTheDaemonToo() throws Exception {
        // The distribution's bin/xl is the native front itself (no shell); it finds its
        // fallback and daemon launcher beside its real file, through links.
        Path link = Files.createDirectories(dir.resolve("sbin")).resolve("xl");
        Files.createSymbolicLink(link, XL.toAbsolutePath());
        for (Path program : List.of(OracleXl.MODULE.resolve("../bin/xl"), link)) {
            for (List<String> args : List.of(List.of("help", "cr"), List.of("-z"), List.of("-N", "create", "no-such.cfg"))) {
                long before = servedCount();
                assertThat(xl(program, Map.of("XLJ_SOCKET", socket.toString()), args))
                        .as("%s %s", program, args).isEqualTo(OracleXl.real(args.toArray(new String[0])));
                assertThat(servedCount() - before).as("%s %s ran in the daemon", program, args).isEqualTo(1);
            }
            assertThat(xl(program, Map.of("XLJ_SOCKET", dir.resolve("absent.sock").toString()), List.of("-z")))
                    .as("%s -z without a daemon", program).isEqualTo(OracleXl.real("-z"));
        }
        Files.delete(link);   // JUnit's clean-up warns of a link out of its directory
    }

    @Test
    void withoutADaemonTheJvmRunsTheCommand() throws Exception {
        long before = servedCount();
        for (List<String> args : List.of(List.of("help", "cr"), List.of("-z"), List.of("caf\u00e9"))) {
            OracleXl.Run real = OracleXl.real(args.toArray(new String[0]));
            assertThat(xl(Map.of("XLJ_SOCKET", dir.resolve("absent.sock").toString()), args))
                    .as("xl %s, no socket", args).isEqualTo(real);
            assertThat(xl(Map.of("XLJ_SOCKET", socket.toString(), "XLJ_NO_DAEMON", "1"), args))
                    .as("xl %s, XLJ_NO_DAEMON=1", args).isEqualTo(real);
        }
        assertThat(servedCount()).as("the daemon ran none of them").isEqualTo(before);
    }

    @Test
    void anOlderDaemonWithoutTheMethodLeavesTheCommandToTheJvm() throws Exception {
        OracleXl.Run r = withFakeDaemon(request ->
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"Method not found: xl\"}}\n",
                List.of("help", "cr"));
        assertThat(r).isEqualTo(OracleXl.real("help", "cr"));
    }

    @Test
    void theDaemonMayHandTheTerminalToAProgram() throws Exception {
        // What xl console gets from the daemon: output so far, then xenconsole to exec.
        OracleXl.Run r = withFakeDaemon(request ->
                "{\"jsonrpc\":\"2.0\",\"method\":\"output\",\"params\":{\"fd\":2,\"data\":\"before \\u00e9\\n\"}}\n"
                        + "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"status\":0,"
                        + "\"exec\":[\"/bin/sh\",\"-c\",\"echo handed over: $0 $1; exit 7\",\"a b\",\"\u00e9\"]}}\n",
                List.of("console", "guest"));
        assertThat(r).isEqualTo(new OracleXl.Run("handed over: a b \u00e9\n", "before \u00e9\n", 7));
    }

    @Test
    void argumentsReachTheDaemonByteForByte() throws Exception {
        StringBuilder seen = new StringBuilder();
        withFakeDaemon(request -> {
            seen.append(request);
            return "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"status\":300}}\n";
        }, List.of("create", "q\"\\\u00e9\t/x"), Map.of("XLJ_FAULT_AT", "vif devices", "HOME", "/nowhere"));
        com.fasterxml.jackson.databind.JsonNode req = io.xlj.rpc.JsonRpc.mapper().readTree(seen.toString());
        assertThat(req.get("method").asText()).isEqualTo("xl");
        assertThat(req.at("/params/argv/0").asText()).isEqualTo(XL.toString());
        // The test JVM encoded the argument in its file-name charset; the daemon gets those bytes.
        String sent = new String("q\"\\\u00e9\t/x".getBytes(System.getProperty("sun.jnu.encoding")),
                StandardCharsets.ISO_8859_1);
        assertThat(req.at("/params/argv/2").asText()).isEqualTo(sent);
        assertThat(req.at("/params/cwd").asText()).isEqualTo(OracleXl.MODULE.toString());
        assertThat(req.at("/params/stdoutTerminal").asBoolean()).isFalse();
        // Only the variables xl's code reads travel.
        assertThat(req.at("/params/env").toString()).isEqualTo("{\"XLJ_FAULT_AT\":\"vif devices\"}");
    }

    @Test
    void aDaemonThatDiesMidCommandIsReportedNotRetried() throws Exception {
        OracleXl.Run r = withFakeDaemon(request ->
                "{\"jsonrpc\":\"2.0\",\"method\":\"output\",\"params\":{\"fd\":1,\"data\":\"partial\"}}\n",
                List.of("list"));
        assertThat(r.out()).isEqualTo("partial");
        assertThat(r.err()).startsWith("xl: lost the connection to the xlj daemon");
        assertThat(r.rc()).isEqualTo(1);
    }

    /** Serves one connection on a socket of its own with {@code reply} to the request line, then closes. */
    private static OracleXl.Run withFakeDaemon(Function<String, String> reply, List<String> args) throws Exception {
        return withFakeDaemon(reply, args, Map.of());
    }

    private static OracleXl.Run withFakeDaemon(Function<String, String> reply, List<String> args,
            Map<String, String> env) throws Exception {
        Path sock = Files.createTempDirectory(dir, "fake").resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            Thread t = new Thread(() -> {
                try (SocketChannel c = server.accept()) {
                    ByteArrayOutputStream line = new ByteArrayOutputStream();
                    ByteBuffer b = ByteBuffer.allocate(1);
                    while (c.read(b) > 0 && b.get(0) != '\n') {
                        line.write(b.get(0));
                        b.clear();
                    }
                    c.write(ByteBuffer.wrap(reply.apply(line.toString(StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            t.start();
            Map<String, String> all = new java.util.HashMap<>(env);
            all.put("XLJ_SOCKET", sock.toString());
            OracleXl.Run r = xl(all, args);
            t.join(10_000);
            return r;
        }
    }
}
