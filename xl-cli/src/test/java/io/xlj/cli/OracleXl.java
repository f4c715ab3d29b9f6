package io.xlj.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real xl 4.17 (../oracle/xl) and ours, for byte-for-byte comparison. */
final class OracleXl {
    private OracleXl() {}

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path XL = MODULE.resolve("../oracle/xl").normalize();
    private static final String REAL_ARGV0 = "/usr/lib/xen-4.17/bin/xl";

    /** stdout, stderr (ISO-8859-1) and exit status. */
    record Run(String out, String err, int rc) {}

    static Run real(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(XL.toString());
        cmd.addAll(List.of(args));
        Run r = process(cmd);
        // glibc names the program as invoked; the oracle wrapper execs the full path.
        return new Run(r.out(), r.err().replace(REAL_ARGV0 + ":", "xl:"), r.rc());
    }

    static Run process(List<String> cmd) {
        return process(cmd, Map.of());
    }

    /** process() with {@code env} changed: a null value removes the variable. */
    static Run process(List<String> cmd, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(MODULE.toFile());
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread t = new Thread(() -> {
                try {
                    p.getErrorStream().transferTo(err);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            t.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            t.join();
            return new Run(new String(out, StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1),
                    p.exitValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Our xl, in-process, with {@code commands} as the implemented commands. */
    static Run ours(Map<String, XlCommand> commands, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Xl.run(args, new PrintStream(out, false, StandardCharsets.ISO_8859_1),
                new PrintStream(err, true, StandardCharsets.ISO_8859_1), commands);
        return new Run(out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1), rc);
    }
}
