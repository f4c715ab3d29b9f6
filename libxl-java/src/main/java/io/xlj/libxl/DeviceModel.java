package io.xlj.libxl;

import io.xlj.xen.Signals;
import io.xlj.xen.XenCallException;

import com.fasterxml.jackson.databind.JsonNode;
import io.xlj.xenstore.XenstoreClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HVM guest's qemu-xen in dom0, as {@code libxl__spawn_local_dm} runs it: started in a
 * session of its own with its output in {@code /var/log/xen/qemu-dm-NAME.log} (rotated as
 * libxl rotates it), its pid in {@code /local/domain/N/image/device-model-pid}, ready once it
 * writes {@code /local/domain/0/device-model/N/state = running}; then the serial ptys and
 * the VNC address it reports over QMP are written where xl console and vncviewer look.
 * {@link #destroy} is {@code libxl__destroy_device_model}: the device-model node removed, the
 * process sent SIGHUP (and, unlike libxl, waited for, then killed), the QMP sockets unlinked.
 */
final class DeviceModel {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceModel.class);

    /** LIBXL_DEVICE_MODEL_START_TIMEOUT; {@code XLJ_DM_START_TIMEOUT} (seconds) overrides it. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(
            Long.parseLong(Optional.ofNullable(System.getenv("XLJ_DM_START_TIMEOUT")).orElse("60")));
    static final Path LOG_DIR = Path.of("/var/log/xen");
    static final Path RUN_DIR = Path.of(DeviceModelArgs.RUN_DIR);

    private final XenstoreClient xs;

    DeviceModel(XenstoreClient xs) {
        this.xs = xs;
    }

    static String statePath(int domid) {
        return "/local/domain/0/device-model/" + domid;
    }

    static String pidPath(int domid) {
        return XsPaths.dom(domid) + "/image/device-model-pid";
    }

    static Path qmpSocket(int domid) {
        return RUN_DIR.resolve("qmp-libxl-" + domid);
    }

    /** "device model PATH is not executable" unless it is: checked before anything is spawned. */
    static void checkExecutable(String dm, int domid) {
        if (!Files.isExecutable(Path.of(dm))) {
            String why = Files.exists(Path.of(dm)) ? "Permission denied" : "No such file or directory";
            throw new ToolstackException("libxl__spawn_local_dm", domid,
                    "device model " + dm + " is not executable: " + why);
        }
    }

    /**
     * Starts the device model and waits until it runs; on failure the process is gone and
     * the exception names the step.
     */
    void start(int domid, String name, List<String> args, HvmBuild b) {
        String dm = args.get(0);
        checkExecutable(dm, domid);
        String dom = XsPaths.dom(domid);
        xs.write(dom + "/hvmloader/bios", b.biosName());
        xs.write(dom + "/hvmloader/allow-memory-relocate", "0");
        xs.mkdir(statePath(domid));
        Path log;
        try {
            log = rotateLog("qemu-dm-" + name);
        } catch (IOException e) {
            throw new ToolstackException("libxl__create_qemu_logfile", domid,
                    "unable to open Qemu logfile: " + e.getMessage(), e);
        }
        LOG.debug("domain {}: spawning device model {}", domid, args);
        Process p;
        try {
            p = spawn(args, log, Map.of("XEN_DOMAIN_ID", Integer.toString(domid)));
        } catch (IOException e) {
            throw new ToolstackException("libxl__spawn_local_dm", domid,
                    "unable to spawn device model " + dm + ": " + e.getMessage(), e);
        }
        try {
            xs.write(pidPath(domid), Long.toString(p.pid()));
            awaitRunning(domid, p);
            postConfig(domid);
        } catch (RuntimeException e) {
            killAndWait(p.pid());
            throw e;
        }
    }

    /**
     * Starts a QEMU as libxl__spawn_local_dm does for HVM and PV guests alike: in its own
     * session (setsid(1) execs in place, so the pid stays QEMU's), stdin from /dev/null,
     * output appended to its log, xenconsoled's limit unless the caller's environment sets one.
     */
    static Process spawn(List<String> args, Path log, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putIfAbsent("XEN_QEMU_CONSOLE_LIMIT", DomainXenstore.CONSOLE_LIMIT);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /** libxl__spawn's xswait on device-model/N/state, failing early when qemu exits. */
    private void awaitRunning(int domid, Process p) {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        String path = statePath(domid) + "/state";
        while (true) {
            Optional<String> state = xs.readOptional(path);
            if (state.isPresent() && state.get().equals("running")) {
                return;
            }
            if (!p.isAlive()) {
                throw new ToolstackException("libxl__spawn_local_dm", domid, "domain " + domid
                        + " device model: spawn failed (rc=-3): qemu exited with status " + p.exitValue()
                        + " (see " + LOG_DIR + "/qemu-dm-*.log)");
            }
            if (System.nanoTime() > end) {
                throw new ToolstackException("libxl__spawn_local_dm", domid, "domain " + domid
                        + " device model: startup timed out (" + START_TIMEOUT.toSeconds() + " s)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolstackException("libxl__spawn_local_dm", domid, "interrupted", e);
            }
        }
    }

    /** The device model's post-config over QMP: serial ptys and the VNC address. */
    private void postConfig(int domid) {
        try (Qmp qmp = Qmp.open(qmpSocket(domid))) {
            for (JsonNode c : qmp.execute("query-chardev")) {
                String label = c.path("label").asText("");
                String file = c.path("filename").asText("");
                if (label.matches("serial\\d+") && file.startsWith("pty:")) {
                    xs.write(XsPaths.dom(domid) + "/serial/" + Integer.parseInt(label.substring(6)) + "/tty",
                            file.substring(4));
                }
            }
            JsonNode vnc = qmp.execute("query-vnc");
            if (vnc.path("enabled").asBoolean(false)) {
                xs.write(XsPaths.dom(domid) + "/console/vnc-listen", vnc.path("host").asText());
                xs.write(XsPaths.dom(domid) + "/console/vnc-port", vnc.path("service").asText());
            }
        } catch (IOException e) {
            throw new ToolstackException("device_model_postconfig", domid,
                    "QMP of the device model: " + e.getMessage(), e);
        }
    }

    /** QMP "cont", as libxl__domain_unpause does for an HVM guest's qemu-xen before unpausing. */
    static void resume(int domid) {
        try (Qmp qmp = Qmp.open(qmpSocket(domid))) {
            qmp.execute("cont");
        } catch (IOException e) {
            throw new ToolstackException("libxl__domain_resume_device_model", domid,
                    "QMP cont: " + e.getMessage(), e);
        }
    }

    /**
     * libxl__destroy_device_model: best effort, quiet when there is nothing to destroy (a
     * PV/PVH guest, a half-built HVM guest).
     */
    void destroy(int domid) {
        quietly(() -> DomainXenstore.rm(xs, statePath(domid)));
        Optional<String> pid = Optional.empty();
        try {
            pid = xs.readOptional(pidPath(domid));
        } catch (RuntimeException e) {
            LOG.debug("domain {}: device model pid: {}", domid, e.getMessage());
        }
        pid.map(String::trim).filter(s -> s.matches("\\d+")).map(Long::parseLong).ifPresent(DeviceModel::killAndWait);
        for (String sock : List.of("qmp-libxl-", "qmp-libxenstat-")) {
            try {
                Files.deleteIfExists(RUN_DIR.resolve(sock + domid));
            } catch (IOException e) {
                LOG.error("Failed to remove QMP socket file {}: {}", RUN_DIR.resolve(sock + domid), e.getMessage());
            }
        }
    }

    /** SIGHUP as libxl sends it, then up to 10 s for qemu to go, then SIGKILL. */
    static void killAndWait(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !isQemu(h.get())) {
            return;
        }
        try {
            Signals.send((int) pid, Signals.SIGHUP);
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (h.get().isAlive() && System.nanoTime() < end) {
                Thread.sleep(50);
            }
        } catch (XenCallException e) {
            LOG.warn("SIGHUP to device model {}: {}", pid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (h.get().isAlive()) {
            h.get().destroyForcibly();
        }
    }

    /** Never signal a recycled pid that is not a qemu. */
    private static boolean isQemu(ProcessHandle h) {
        try {
            String cmd = Files.readString(Path.of("/proc/" + h.pid() + "/cmdline"), StandardCharsets.ISO_8859_1);
            return cmd.contains("qemu") || cmd.contains("-xen-domid");
        } catch (IOException e) {
            return false;
        }
    }

    /** libxl_create_logfile: NAME.log moves to NAME.log.1, .1 to .2, ... .10 is dropped. */
    static Path rotateLog(String name) throws IOException {
        return rotateLog(LOG_DIR, name);
    }

    /** {@link #rotateLog(String)} in another directory (tests). */
    static Path rotateLog(Path dir, String name) throws IOException {
        Path log = dir.resolve(name + ".log");
        if (Files.exists(log)) {
            Files.deleteIfExists(dir.resolve(name + ".log.10"));
            for (int i = 9; i > 0; i--) {
                Path from = dir.resolve(name + ".log." + i);
                if (Files.exists(from)) {
                    Files.move(from, dir.resolve(name + ".log." + (i + 1)));
                }
            }
            Files.move(log, dir.resolve(name + ".log.1"));
        }
        Files.createDirectories(dir);
        return log;
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.debug("device model clean-up: {}", e.getMessage());
        }
    }
}
