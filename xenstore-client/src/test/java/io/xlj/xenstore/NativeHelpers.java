package io.xlj.xenstore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Our C test helpers (src/test/c), compiled with gcc against Debian's installed Xen
 * headers into target/native/ the first time a test needs them.
 */
final class NativeHelpers {
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();

    private NativeHelpers() {
    }

    /** The directory of the module whose tests run (their build output goes there). */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    /** This module's C sources, also when another module's tests use these helpers (its sibling then). */
    private static Path sourceDir() {
        Path sibling = moduleDir().resolveSibling("xenstore-client");
        return (Files.isDirectory(sibling) ? sibling : moduleDir()).resolve("src/test/c");
    }

    /** Compiles src/test/c/{source} to target/native/{output}; extra gcc arguments follow. */
    static synchronized Path build(String source, String output, String... gccArgs) {
        Path done = BUILT.get(output);
        if (done != null) {
            return done;
        }
        Path src = sourceDir().resolve(source);
        if (!Files.exists(src)) {
            throw new IllegalStateException("test helper source not found: " + src);
        }
        Path out = moduleDir().resolve("target/native").resolve(output);
        try {
            Files.createDirectories(out.getParent());
            FileTime srcTime = Files.getLastModifiedTime(src);
            if (!Files.exists(out) || Files.getLastModifiedTime(out).compareTo(srcTime) < 0) {
                List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-Wall", "-o", out.toString(), src.toString()));
                cmd.addAll(List.of(gccArgs));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("gcc failed to build " + source
                            + " (needs gcc and libxen-dev): " + msg);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot build " + source + " (is gcc installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        BUILT.put(output, out);
        return out;
    }

    /** Runs a built helper and returns its standard output lines. */
    static List<String> run(Map<String, String> env, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().remove("XENSTORED_PATH");
        pb.environment().remove("XENSTORED_RUNDIR");
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(List.of(command) + " failed: " + out);
            }
            return out.lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + List.of(command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
