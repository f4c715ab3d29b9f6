package io.xlj.lab.dom0;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs dom0 commands (xl, xenstore-ls, ping, ...) with a hard time limit. */
final class Exec {

    private Exec() {
    }

    static ExecResult run(Duration timeout, String... command) {
        // Outputs go to files, not pipes: a chatty command can never block on a full pipe.
        try {
            Path out = Files.createTempFile("xlj-exec", ".out");
            Path err = Files.createTempFile("xlj-exec", ".err");
            try {
                Process p = new ProcessBuilder(command)
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
