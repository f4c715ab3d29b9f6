package io.xlj.config.spec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the oracle: Debian's real xl 4.17 under our LD_PRELOAD shim ({@code oracle/xl} at
 * the repository root), capturing stdout, stderr and the exit code as ISO-8859-1 text.
 */
public final class OracleXl {

    /** One run's observable behaviour. */
    public record Run(int rc, String stdout, String stderr) {
    }

    private OracleXl() {
    }

    public static Path script() {
        Path p = Path.of("..", "oracle", "xl").toAbsolutePath().normalize();
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("the oracle " + p + " is missing or not executable");
        }
        return p;
    }

    public static Run run(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(script().toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            int rc = p.waitFor();
            return new Run(rc, out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the oracle " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
