package io.xlj.lab.dom0;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs dom0 commands (xl, xenstore-ls, ping, ...) with a hard time limit. */
final class Exec {

    private Exec() {
    }

    /** What HotSpot prints when it dies of a fatal error (hs_err), not of anything xlj did. */
    private static final String JVM_FATAL = "A fatal error has been detected by the Java Runtime Environment";

    /**
     * Runs the command; when it is a JVM that died of a fatal VM error (SIGSEGV or abort
     * inside libjvm, exit 134/139 with an hs_err banner), runs it once more. Under QEMU
     * 7.2's TCG the dom0 JVM very occasionally crashes inside its own VM code (seen about
     * once in 30 JVM starts; see integration-tests/lab/README.md; HotSpot prints its banner
     * on stdout); that is the emulator,
     * not the command under test, so the test judges the second run.
     */
    static ExecResult run(Duration timeout, String... command) {
        return run(Map.of(), timeout, command);
    }

    /** {@link #run(Duration, String...)} with {@code env} added to the command's environment. */
    static ExecResult run(Map<String, String> env, Duration timeout, String... command) {
        Set<Path> daemonCrashesBefore = daemonCrashReports();
        ExecResult first;
        try {
            first = runOnce(env, timeout, command);
        } catch (UncheckedIOException e) {
            // The JDK's spawn helper itself failed ("Failed to exec spawn helper ... exit value
            // 127", seen once in a full run at one vCPU): the command never started.
            System.err.printf("[dom0] %s: could not start (%s); trying once more%n", String.join(" ", command),
                    e.getCause().getMessage());
            return runOnce(env, timeout, command);
        }
        if ((first.exitCode() == 134 || first.exitCode() == 139) && (first.stdout() + first.stderr()).contains(JVM_FATAL)) {
            System.err.printf("[dom0] %s: the JVM itself crashed (emulator fault); running it once more%n",
                    String.join(" ", command));
            return runOnce(env, timeout, command);
        }
        // A probe (xenstore-read, ping, ...) that died of SIGABRT/SIGSEGV: seen once in a full run
        // (xenstore-read of a node that was there, exit 134). Xen's tools do not abort on a read;
        // the emulator does that to a process now and then. xlj's own commands are not rerun.
        if ((first.exitCode() == 134 || first.exitCode() == 139) && !command[0].startsWith(XLJ_HOME)) {
            System.err.printf("[dom0] %s: killed by signal %d (emulator fault); running it once more%n",
                    String.join(" ", command), first.exitCode() - 128);
            return runOnce(env, timeout, command);
        }
        // bin/xl's command ran in xljd, whose JVM died of the same fault meanwhile (a new crash
        // report in its working directory). A create it was running is rolled back by the next
        // daemon's start (creation marks), so the command can run again.
        if (first.stderr().contains(LOST_DAEMON) && !daemonCrashesBefore.containsAll(daemonCrashReports())) {
            System.err.printf("[dom0] %s: xljd's JVM crashed under it (emulator fault); running it once more%n",
                    String.join(" ", command));
            return runOnce(env, timeout, command);
        }
        return first;
    }

    /** xlj's distribution in dom0: its commands are under test, never rerun for a signal. */
    private static final String XLJ_HOME = System.getenv().getOrDefault("XLJ_HOME", "/opt/xlj") + "/";

    /** What xl-client says when the daemon goes away in the middle of a command. */
    private static final String LOST_DAEMON = "lost the connection to the xlj daemon";

    /** HotSpot's crash reports of daemons that bin/xl started (their working directory is /). */
    private static Set<Path> daemonCrashReports() {
        try (Stream<Path> s = Files.list(Path.of("/"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static ExecResult runOnce(Map<String, String> env, Duration timeout, String... command) {
        // Outputs go to files, not pipes: a chatty command can never block on a full pipe.
        try {
            Path out = Files.createTempFile("xlj-exec", ".out");
            Path err = Files.createTempFile("xlj-exec", ".err");
            try {
                long t0 = System.nanoTime();
                ProcessBuilder pb = new ProcessBuilder(command);
                pb.environment().putAll(env);
                Process p = pb
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                            + "\n--- stdout ---\n" + Files.readString(out, StandardCharsets.UTF_8)
                            + "\n--- stderr ---\n" + Files.readString(err, StandardCharsets.UTF_8));
                }
                // Progress on stderr (unbuffered): the lab streams it while the suite runs.
                System.err.printf("[dom0] %s -> exit %d (%.1f s)%n", String.join(" ", command), p.exitValue(),
                        (System.nanoTime() - t0) / 1e9);
                return new ExecResult(List.of(command), p.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }
}
