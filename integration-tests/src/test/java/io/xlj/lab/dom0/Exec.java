package io.xlj.lab.dom0;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
        ExecResult first = runOnce(env, timeout, command);
        if ((first.exitCode() == 134 || first.exitCode() == 139) && (first.stdout() + first.stderr()).contains(JVM_FATAL)) {
            System.err.printf("[dom0] %s: the JVM itself crashed (emulator fault); running it once more%n",
                    String.join(" ", command));
            return runOnce(env, timeout, command);
        }
        return first;
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
