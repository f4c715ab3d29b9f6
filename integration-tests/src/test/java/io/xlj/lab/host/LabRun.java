package io.xlj.lab.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One `xen-lab run`: boots the lab, runs a command in dom0 with the share at /mnt/share,
 * and returns its exit status. xen-lab's own output (phases, the command's output) is
 * echoed line by line and kept in logDir/xen-lab.log.
 */
record LabRun(Path script, Path share, Path logDir, Duration commandTimeout) {

    /** Boot + build of a cold cache come on top of the command's own limit. */
    private static final Duration LAB_OVERHEAD = Duration.ofMinutes(20);

    int run(List<String> command) {
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve("xen-lab.log");
            List<String> argv = new java.util.ArrayList<>(List.of(script.toString(), "run",
                    "--share", share.toString(), "--log-dir", logDir.toString(),
                    "--timeout", Long.toString(commandTimeout.toSeconds()), "--"));
            argv.addAll(command);
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            // Echo through our own System.out: surefire's forked JVM must not share its fd 1.
            AtomicBoolean queued = new AtomicBoolean();
            Thread pump = new Thread(() -> pump(p, log, queued), "xen-lab-output");
            pump.start();
            if (!waitForLab(p, commandTimeout.plus(LAB_OVERHEAD), queued)) {
                p.destroy(); // SIGTERM: xen-lab's trap kills its QEMU
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                throw new IllegalStateException("xen-lab did not finish within " + commandTimeout.plus(LAB_OVERHEAD)
                        + "; see " + log);
            }
            pump.join(10_000);
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the lab ran", e);
        }
    }

    /**
     * Waits for xen-lab within {@code limit}, not counting the time it spends queued behind
     * another lab VM on this machine (xen-lab runs one VM at a time and says so).
     */
    private static boolean waitForLab(Process p, Duration limit, AtomicBoolean queued) throws InterruptedException {
        long left = limit.toMillis();
        while (left > 0) {
            if (p.waitFor(Math.min(left, 1000), TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!queued.get()) {
                left -= 1000;
            }
        }
        return false;
    }

    private static void pump(Process p, Path log, AtomicBoolean queued) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (line.contains("another lab VM is running")) {
                    queued.set(true);
                } else if (line.contains("for the lab")) {
                    queued.set(false);
                }
                System.out.println("[lab] " + line);
            }
        } catch (IOException e) {
            System.err.println("[lab] lost xen-lab's output: " + e);
        }
    }
}
