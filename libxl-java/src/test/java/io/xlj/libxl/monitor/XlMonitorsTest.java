package io.xlj.libxl.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XlMonitors against the real kernel's /proc: a process whose executable is named
 * {@code xl}, with Debian's libxenlight mapped, and whose output goes to {@code xl-NAME.log}
 * is what xl's daemonised monitor looks like (do_daemonize); other processes, other names
 * and other logs are not. The stand-ins for xl are copies of sleep and bash named xl, with
 * the real libxenlight preloaded.
 */
class XlMonitorsTest {

    private static final String LIBXENLIGHT = "/usr/lib/x86_64-linux-gnu/libxenlight.so.4.17";

    @TempDir
    Path dir;

    /**
     * The monitor of {@code name} once the process has started: before, /proc shows the
     * JVM's fork, and the dynamic loader maps libxenlight only a little later.
     */
    private static OptionalLong awaitMonitor(XlMonitors m, String name) throws InterruptedException {
        for (int i = 0; i < 100 && m.monitorOf(name).isEmpty(); i++) {
            Thread.sleep(50);
        }
        return m.monitorOf(name);
    }

    /** A process that maps libxl as Xen's xl does. */
    private static ProcessBuilder asXensXl(ProcessBuilder pb) {
        pb.environment().put("LD_PRELOAD", LIBXENLIGHT);
        return pb;
    }

    @Test
    void findsAnXlProcessWritingToTheDomainsLog() throws Exception {
        Path xl = Files.copy(Path.of("/bin/sleep"), dir.resolve("xl"), StandardCopyOption.COPY_ATTRIBUTES);
        Path logDir = Files.createDirectory(dir.resolve("log"));
        Process monitor = asXensXl(new ProcessBuilder(xl.toString(), "60"))
                .redirectOutput(logDir.resolve("xl-web.log").toFile()).redirectErrorStream(true).start();
        Process other = new ProcessBuilder("/bin/sleep", "60")
                .redirectOutput(logDir.resolve("xl-db.log").toFile()).redirectErrorStream(true).start();
        try {
            XlMonitors m = new XlMonitors(Path.of("/proc"), logDir);
            assertThat(awaitMonitor(m, "web")).hasValue(monitor.pid());
            // Not an xl executable, though its output is xl-db.log.
            assertThat(m.monitorOf("db")).isEmpty();
            assertThat(m.monitorOf("we")).isEmpty();
        } finally {
            monitor.destroy();
            other.destroy();
            monitor.waitFor(10, TimeUnit.SECONDS);
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRotatedLogStillNamesTheMonitor() throws Exception {
        Path xl = Files.copy(Path.of("/bin/sleep"), dir.resolve("xl"), StandardCopyOption.COPY_ATTRIBUTES);
        Path logDir = Files.createDirectory(dir.resolve("log"));
        Process monitor = asXensXl(new ProcessBuilder(xl.toString(), "60"))
                .redirectOutput(logDir.resolve("xl-web.log").toFile()).redirectErrorStream(true).start();
        try {
            // libxl_create_logfile of a later monitor for the same name renames the old log.
            Files.move(logDir.resolve("xl-web.log"), logDir.resolve("xl-web.log.1"));
            assertThat(awaitMonitor(new XlMonitors(Path.of("/proc"), logDir), "web")).hasValue(monitor.pid());
        } finally {
            monitor.destroy();
            monitor.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** xl create -F: no log file, the command line names the domain (a bash copy named xl plays xl). */
    @Test
    void findsAForegroundCreateByItsCommandLine() throws Exception {
        Path xl = Files.copy(Path.of("/bin/bash"), dir.resolve("xl"), StandardCopyOption.COPY_ATTRIBUTES);
        // bash runs its first operand as a script: "create" sleeps, the rest are xl's arguments.
        Files.writeString(dir.resolve("create"), "sleep 60\n");
        Files.writeString(dir.resolve("web.cfg"), "name = \"web\"\n");
        Process monitor = asXensXl(new ProcessBuilder(xl.toString(), "create", "-F", "web.cfg", "name=\"web-f\""))
                .directory(dir.toFile()).start();
        try {
            XlMonitors m = new XlMonitors(Path.of("/proc"), Files.createDirectory(dir.resolve("log")));
            assertThat(awaitMonitor(m, "web-f")).hasValue(monitor.pid());
            assertThat(m.monitorOf("web")).as("the override names it").isEmpty();
        } finally {
            monitor.destroy();
            monitor.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * xlj's own bin/xl (the daemon's thin client) is an executable named xl too: its
     * {@code xl create -F}, which the daemon serves and follows itself, is no Xen xl monitor.
     */
    @Test
    void xljsOwnXlIsNoMonitor() throws Exception {
        Path xl = Files.copy(Path.of("/bin/bash"), dir.resolve("xl"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(dir.resolve("create"), "sleep 60\n");
        Files.writeString(dir.resolve("web.cfg"), "name = \"web\"\n");
        Process client = new ProcessBuilder(xl.toString(), "create", "-F", "web.cfg").directory(dir.toFile()).start();
        Process xens = asXensXl(new ProcessBuilder(xl.toString(), "create", "-F", "web.cfg", "name=\"db\""))
                .directory(dir.toFile()).start();
        try {
            XlMonitors m = new XlMonitors(Path.of("/proc"), Files.createDirectory(dir.resolve("log")));
            assertThat(awaitMonitor(m, "db")).hasValue(xens.pid());
            assertThat(m.monitorOf("web")).isEmpty();
        } finally {
            client.destroy();
            xens.destroy();
            client.waitFor(10, TimeUnit.SECONDS);
            xens.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
