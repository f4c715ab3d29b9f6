package io.xlj.libxl.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles one of our C probes (src/test/c) against the installed Xen headers and
 * libraries (libxen-dev) into target/native-test, once per test run, and runs it.
 */
public final class NativeProbe {

    private NativeProbe() {
    }

    public static synchronized Path build(String name, String... libs) throws IOException, InterruptedException {
        Path out = Path.of("target", "native-test", name).toAbsolutePath();
        Path src = Path.of("src", "test", "c", name + ".c").toAbsolutePath();
        if (Files.exists(out) && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(src)) > 0) {
            return out;
        }
        Files.createDirectories(out.getParent());
        List<String> cmd = new ArrayList<>(List.of("gcc", "-std=gnu11", "-Wall", "-Werror", "-o", out.toString(),
                src.toString()));
        for (String l : libs) {
            cmd.add("-l" + l);
        }
        run(cmd);
        return out;
    }

    /** Runs a command; its stdout, or an AssertionError with everything it said. */
    public static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(cmd + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
