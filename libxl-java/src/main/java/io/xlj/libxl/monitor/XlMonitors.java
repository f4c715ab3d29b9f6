package io.xlj.libxl.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Finds the monitor process Xen's own {@code xl create} leaves behind for a domain, so that
 * xljd does not carry out a shutdown action a second time.
 *
 * <p>xl 4.17 (create_domain, do_daemonize) forks a child that waits for the domain's death
 * and applies on_poweroff/on_reboot/on_crash itself. Nothing in xenstore says so: its
 * {@code @releaseDomain} watch is private to its own connection. What is visible is the
 * process: an {@code xl} executable (with libxenlight mapped) whose standard output and error are the log file
 * {@code /var/log/xen/xl-NAME.log} that libxl_create_logfile opened for it (rotated to
 * {@code xl-NAME.log.1} … when a later monitor for the same name starts). A domain whose name
 * has such a live process is left to it. {@code xl create -F} keeps its monitor in the
 * foreground with the terminal as output: an xl process whose command line creates the
 * domain with {@code -F} ({@link ForegroundCreate}) is its monitor. Not detected: a domain
 * renamed after its create; xljd acts on it as well.
 */
public final class XlMonitors {

    private final Path proc;
    private final Path logDir;

    public XlMonitors(Path proc, Path logDir) {
        this.proc = proc;
        this.logDir = logDir;
    }

    /** The host's /proc and Xen's log directory (XEN_LOG_DIR). */
    public static XlMonitors host() {
        return new XlMonitors(Path.of("/proc"), Path.of("/var/log/xen"));
    }

    /** The pid of a live xl process monitoring domain {@code name}, if any. */
    public OptionalLong monitorOf(String name) {
        String log = logDir.resolve("xl-" + name + ".log").toString();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path pid : pids) {
                if (isXl(pid) && (writesTo(pid, "1", log) || writesTo(pid, "2", log)
                        || createsInForeground(pid, name))) {
                    return OptionalLong.of(Long.parseLong(pid.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            // No /proc to look at: nobody is known to monitor the domain.
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /**
     * Xen's xl: an executable named {@code xl} that has libxenlight mapped. xlj's own
     * {@code bin/xl} (the daemon's native thin client, whose {@code xl create -F} the daemon
     * itself follows) is named so too but links no libxl.
     */
    private static boolean isXl(Path pid) {
        try {
            Path exe = Files.readSymbolicLink(pid.resolve("exe"));
            if (exe.getFileName() == null || !exe.getFileName().toString().equals("xl")) {
                return false;
            }
            try (Stream<String> maps = Files.lines(pid.resolve("maps"), StandardCharsets.ISO_8859_1)) {
                return maps.anyMatch(l -> l.contains("/libxenlight.so"));
            }
        } catch (IOException | UncheckedIOException | UnsupportedOperationException e) {
            // Gone meanwhile, a kernel thread, or not ours to read.
            return false;
        }
    }

    private static boolean createsInForeground(Path pid, String name) {
        try {
            byte[] cmdline = Files.readAllBytes(pid.resolve("cmdline"));
            List<String> argv = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < cmdline.length; i++) {
                if (cmdline[i] == 0) {
                    argv.add(new String(cmdline, start, i - start, StandardCharsets.ISO_8859_1));
                    start = i + 1;
                }
            }
            return ForegroundCreate.domainName(argv, Files.readSymbolicLink(pid.resolve("cwd")))
                    .filter(name::equals).isPresent();
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean writesTo(Path pid, String fd, String log) {
        try {
            String target = Files.readSymbolicLink(pid.resolve("fd").resolve(fd)).toString();
            return target.equals(log) || target.startsWith(log + ".") || target.startsWith(log + " (deleted)");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
