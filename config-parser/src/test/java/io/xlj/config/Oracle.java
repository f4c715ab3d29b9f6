package io.xlj.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real counterparts our parser is compared with: Debian's xl 4.17 under
 * the LD_PRELOAD shim (../oracle/xl) and cfgprobe, our C driver of Debian's
 * libxlutil (src/test/c/cfgprobe.c, compiled here with gcc on first use).
 */
final class Oracle {
    private Oracle() {}

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path XL = MODULE.resolve("../oracle/xl").normalize();
    static final Path WORK = MODULE.resolve("target/oracle-work");
    private static Path probe;

    /** Output of a process: stdout, stderr (ISO-8859-1) and exit status. */
    record Run(String out, String err, int rc) {}

    static synchronized Path probe() {
        if (probe != null) return probe;
        Path src = MODULE.resolve("src/test/c/cfgprobe.c");
        Path bin = MODULE.resolve("target/cfgprobe");
        try {
            if (!Files.exists(bin) || Files.getLastModifiedTime(bin).compareTo(Files.getLastModifiedTime(src)) < 0) {
                Run r = run(List.of("gcc", "-O1", "-Wall", "-Werror", "-o", bin.toString(), src.toString(),
                        "-lxlutil", "-lxenlight"), MODULE);
                if (r.rc() != 0) {
                    throw new IllegalStateException("cannot compile cfgprobe (needs gcc and libxen-dev): " + r.err());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        probe = bin;
        return bin;
    }

    /** Writes {@code data} to target/oracle-work/NAME and returns the path. */
    static Path file(String name, byte[] data) {
        try {
            Files.createDirectories(WORK);
            Path p = WORK.resolve(name);
            Files.write(p, data);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Run run(List<String> cmd, Path dir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread t = new Thread(() -> copy(p.getErrorStream(), err));
            t.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            t.join();
            return new Run(new String(out, StandardCharsets.ISO_8859_1),
                    err.toString(StandardCharsets.ISO_8859_1), p.exitValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** cfgprobe on a file in WORK, reporting it as {@code source}; keys as given. */
    static Run probe(Path file, String source, List<String> keys) {
        List<String> cmd = new ArrayList<>();
        cmd.add(probe().toString());
        cmd.add(file.toString());
        cmd.add(source);
        cmd.addAll(keys);
        return run(cmd, WORK);
    }

    /** ../oracle/xl ARGS run in WORK. */
    static Run xl(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(XL.toString());
        cmd.addAll(List.of(args));
        return run(cmd, WORK);
    }
}
