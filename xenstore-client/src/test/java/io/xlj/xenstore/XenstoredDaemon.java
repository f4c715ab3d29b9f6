package io.xlj.xenstore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.opentest4j.TestAbortedException;

/**
 * A private, real Debian xenstored (C) or oxenstored for one test class, run without a
 * hypervisor under our LD_PRELOAD shim (src/test/c/fakexen.c, compiled here with gcc).
 *
 * <p>C xenstored takes its socket path from XENSTORED_PATH. oxenstored hard-codes
 * /run/xenstored/socket and raises RLIMIT_NOFILE to /proc/sys/fs/nr_open at start, so
 * it runs in a private mount namespace ({@code unshare -m}) where a tmpfs covers /run,
 * our directory is bind-mounted on /run/xenstored, and a smaller nr_open is
 * bind-mounted over the proc file. That needs CAP_SYS_ADMIN; without it the tests
 * that need oxenstored are skipped with the reason.
 *
 * <p>Other modules' tests use it too (this module's test jar): libxl-java's xenstore code
 * runs against the same real daemon.
 */
public final class XenstoredDaemon implements AutoCloseable {
    enum Kind { C, OCAML }

    static final Path C_XENSTORED = Path.of("/usr/lib/xen-4.17/bin/xenstored");
    static final Path OXENSTORED = Path.of("/usr/lib/xen-4.17/bin/oxenstored");

    private final Kind kind;
    private final Path dir;
    private final Path socket;
    private final Path domains;
    private Process process;
    private final Map<Integer, String> domainStates = new LinkedHashMap<>();

    private XenstoredDaemon(Kind kind, Path dir, Path socket, Process process) {
        this.kind = kind;
        this.dir = dir;
        this.socket = socket;
        this.domains = dir.resolve("domains");
        this.process = process;
    }

    static XenstoredDaemon start(Kind kind) {
        return kind == Kind.C ? startC() : startOcaml();
    }

    /** Starts Debian's C xenstored on a socket in a fresh temporary directory. */
    public static XenstoredDaemon startC() {
        requireExecutable(C_XENSTORED);
        try {
            Path dir = Files.createTempDirectory("xlj-xenstored-");
            Files.createDirectories(dir.resolve("run"));
            Files.writeString(dir.resolve("domains"), "");
            XenstoredDaemon d = new XenstoredDaemon(Kind.C, dir, dir.resolve("run/socket"), null);
            d.launch();
            return d;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + C_XENSTORED + ": " + e.getMessage(), e);
        }
    }

    private Process launchC() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(C_XENSTORED.toString(), "-N")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("XENSTORED_RUNDIR", dir.resolve("run").toString());
        env.put("XENSTORED_PATH", socket.toString());
        env.put("LD_PRELOAD", FakeXen.library().toString());
        env.put("FAKEXEN_DOMAINS", domains.toString());
        return pb.start();
    }

    private Process launchOcaml() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/unshare", "-m", "--propagation", "private",
                "/bin/sh", dir.resolve("start-oxenstored.sh").toString(), dir.toString(),
                FakeXen.library().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.log").toFile()));
        return pb.start();
    }

    private void launch() throws IOException {
        Files.deleteIfExists(socket);
        process = kind == Kind.C ? launchC() : launchOcaml();
        awaitSocket();
    }

    /** Kills the daemon (as a crash would) and starts a fresh one on the same socket. */
    void restart() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            launch();
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart " + kind + " daemon: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts Debian's oxenstored in a private mount namespace, or aborts the test with the reason. */
    static XenstoredDaemon startOcaml() {
        requireExecutable(OXENSTORED);
        Path unshare = Path.of("/usr/bin/unshare");
        if (!Files.isExecutable(unshare)) {
            throw new TestAbortedException("oxenstored tests skipped: /usr/bin/unshare is missing");
        }
        try {
            Path dir = Files.createTempDirectory("xlj-oxenstored-");
            Path run = Files.createDirectories(dir.resolve("run"));
            Files.writeString(dir.resolve("domains"), "");
            Files.writeString(dir.resolve("nr_open"), "20000\n");
            Files.writeString(dir.resolve("port"), "7");
            Files.write(dir.resolve("kva"), new byte[4096]);
            Files.writeString(dir.resolve("oxenstored.conf"), String.join("\n",
                    "pid-file = " + dir.resolve("pid"),
                    "persistent = false",
                    "xenstored-kva = " + dir.resolve("kva"),
                    "xenstored-port = " + dir.resolve("port"),
                    "xenstored-log-file = " + dir.resolve("oxenstored.log"),
                    "access-log-file = " + dir.resolve("access.log"),
                    ""));
            // The last step execs oxenstored, so the process we hold is the daemon itself.
            String script = String.join("\n",
                    "set -e",
                    "D=\"$1\"",
                    "mount --bind \"$D/nr_open\" /proc/sys/fs/nr_open",
                    "mount -t tmpfs xlj-run /run",
                    "mkdir -p /run/xenstored",
                    "mount --bind \"$D/run\" /run/xenstored",
                    "exec env LD_PRELOAD=\"$2\" FAKEXEN_DOMAINS=\"$D/domains\" " + OXENSTORED
                            + " --no-fork --config-file \"$D/oxenstored.conf\"",
                    "");
            Files.writeString(dir.resolve("start-oxenstored.sh"), script);
            XenstoredDaemon d = new XenstoredDaemon(Kind.OCAML, dir, run.resolve("socket"), null);
            try {
                d.launch();
            } catch (IllegalStateException e) {
                String why = "oxenstored tests skipped: it could not be started in a private mount "
                        + "namespace (needs root / CAP_SYS_ADMIN): " + e.getMessage();
                System.err.println(why);
                d.close();
                throw new TestAbortedException(why);
            }
            return d;
        } catch (IOException e) {
            throw new TestAbortedException("oxenstored tests skipped: " + e.getMessage());
        }
    }

    private static void requireExecutable(Path p) {
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(p + " is missing: install Debian's xen-utils-4.17");
        }
    }

    private void awaitSocket() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (Files.exists(socket)) {
                // The socket file appears at bind(); a first connect proves it listens.
                try (XenstoreClient probe = XenstoreClient.openSocket(socket, Duration.ofSeconds(5))) {
                    probe.readOptional("/tool");
                    return;
                } catch (XenstoreException e) {
                    // not listening yet
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(kind + " daemon exited with " + process.exitValue()
                        + " before listening; its output: " + log());
            }
            sleep(20);
        }
        String output = log();
        close();
        throw new IllegalStateException(kind + " daemon did not listen on " + socket + " within 15 s; its output: " + output);
    }

    String log() {
        try {
            return Files.readString(dir.resolve("daemon.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    Kind kind() {
        return kind;
    }

    Path socket() {
        return socket;
    }

    long pid() {
        return process.pid();
    }

    public XenstoreClient connect() {
        return XenstoreClient.openSocket(socket, Duration.ofSeconds(20));
    }

    XenstoreClient connect(Duration timeout) {
        return XenstoreClient.openSocket(socket, timeout);
    }

    /**
     * Sets what the shim's xc_domain_getinfo reports for a domain (running, shutdown,
     * crashed, dying, gone) and makes the daemon look, as VIRQ_DOM_EXC would.
     */
    void setDomainState(int domid, String state) {
        domainStates.put(domid, state);
        StringBuilder sb = new StringBuilder();
        domainStates.forEach((id, s) -> sb.append(id).append(' ').append(s).append('\n'));
        try {
            Files.writeString(domains, sb.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        signal("USR2");
    }

    void signal(String name) {
        // The shell's builtin kill: procps' /usr/bin/kill is not on minimal Debian images.
        ToolResult r = run(List.of("/bin/sh", "-c", "kill -s " + name + " " + pid()), false);
        if (r.exit() != 0) {
            throw new IllegalStateException("kill -s " + name + " " + pid() + " failed: " + r.output());
        }
    }

    /** Runs one of Debian's xenstore-* tools against this daemon. */
    ToolResult tool(String... command) {
        return run(List.of(command), true);
    }

    private ToolResult run(List<String> command, boolean withSocket) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (withSocket) {
            pb.environment().put("XENSTORED_PATH", socket.toString());
        }
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            return new ToolResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record ToolResult(int exit, String output) {
        String trimmed() {
            return output.strip();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                signal("CONT");
            } catch (RuntimeException ignored) {
                // killing it below is what matters
            }
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path p) {
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort: a temp directory
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** The shim, compiled once per build. */
    static final class FakeXen {
        private FakeXen() {
        }

        static Path library() {
            return NativeHelpers.build("fakexen.c", "fakexen.so", "-shared", "-fPIC", "-ldl");
        }
    }
}
