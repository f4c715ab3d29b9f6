package io.xlj.libxl;

import io.xlj.libxl.device.ChannelDevices;
import io.xlj.xenstore.WatchEvent;
import io.xlj.xenstore.WatchQueue;
import io.xlj.xenstore.XenstoreClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The QEMU that libxl 4.17 starts in dom0 for a PV or PVH guest whose disks have the qdisk
 * backend or which has channels (libxl__need_xenpv_qemu, libxl__spawn_local_dm with machine
 * {@code xenpv}): its command line from libxl__build_device_model_args_new (the channels'
 * character devices; no VNC, no SDL, no dm_restrict), its log
 * {@code /var/log/xen/qemu-dm-NAME.log}, its pid in {@code /local/domain/N/image/device-model-pid},
 * and the wait for {@code /local/domain/0/device-model/N/state} = {@code running}
 * (LIBXL_DEVICE_MODEL_START_TIMEOUT). Destroy sends SIGHUP, as libxl__kill_xs_path does, and
 * removes the device-model directory and QMP sockets.
 */
public final class PvDeviceModel {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(PvDeviceModel.class);

    private final XenstoreClient xs;

    PvDeviceModel(XenstoreClient xs) {
        this.xs = xs;
    }

    /** libxl__build_device_model_args_new for a PV or PVH guest without vfb. */
    public static List<String> args(String dm, int domid, String name, long maxMemKb, long videoMemKb,
                                    List<ChannelDevices.Resolved> channels) {
        String run = DeviceModelArgs.RUN_DIR;
        List<String> a = new ArrayList<>(List.of(dm, "-xen-domid", Integer.toString(domid), "-no-shutdown",
                "-chardev", "socket,id=libxl-cmd,path=" + run + "/qmp-libxl-" + domid + ",server=on,wait=off",
                "-mon", "chardev=libxl-cmd,mode=control",
                "-chardev", "socket,id=libxenstat-cmd,path=" + run + "/qmp-libxenstat-" + domid
                        + ",server=on,wait=off",
                "-mon", "chardev=libxenstat-cmd,mode=control"));
        a.addAll(ChannelDevices.chardevArgs(channels));
        a.addAll(List.of("-nodefaults", "-no-user-config", "-xen-attach"));
        if (name != null) {
            a.add("-name");
            a.add(name);
        }
        a.addAll(List.of("-vnc", "none", "-display", "none", "-nographic", "-machine", "xenpv", "-m",
                Long.toString((maxMemKb - videoMemKb + 1023) / 1024)));
        return a;
    }

    static String deviceModelPath(int domid) {
        return DeviceModel.statePath(domid);
    }

    static String pidPath(int domid) {
        return DeviceModel.pidPath(domid);
    }

    /** Spawns the device model (its own session, as libxl's setsid) and records its pid. */
    Process start(int domid, String name, List<String> args) {
        xs.mkdir(deviceModelPath(domid));
        Path log;
        try {
            log = DeviceModel.rotateLog("qemu-dm-" + name);   // libxl__create_qemu_logfile, as for HVM
        } catch (IOException e) {
            throw new ToolstackException("device model", domid, "failed to create the device model log qemu-dm-"
                    + name + ": " + e.getMessage(), e);
        }
        LOG.debug("spawning device model for domain {}: {}", domid, args);
        Process p;
        try {
            p = DeviceModel.spawn(args, log, Map.of());
        } catch (IOException e) {
            throw new ToolstackException("device model", domid,
                    "domain " + domid + " device model: spawn failed: " + e.getMessage(), e);
        }
        xs.write(pidPath(domid), Long.toString(p.pid()));
        return p;
    }

    /** Waits for QEMU's "running" in xenstore; fails if QEMU exits or the timeout passes. */
    void awaitRunning(int domid, Process p, Duration timeout) {
        String state = deviceModelPath(domid) + "/state";
        Instant end = Instant.now().plus(timeout);
        try (WatchQueue q = xs.watchQueue(state)) {
            while (true) {
                if (xs.readOptional(state).map("running"::equals).orElse(false)) {
                    return;
                }
                if (!p.isAlive()) {
                    throw new ToolstackException("device model", domid, "domain " + domid
                            + " device model: spawn failed (exited with status " + p.exitValue() + ")");
                }
                Duration left = Duration.between(Instant.now(), end);
                if (left.isNegative() || left.isZero()) {
                    throw new ToolstackException("device model", domid,
                            "domain " + domid + " device model: startup timed out");
                }
                // Poll the process at least every 500 ms: its death writes nothing to xenstore.
                WatchEvent ev = q.poll(left.compareTo(Duration.ofMillis(500)) < 0 ? left : Duration.ofMillis(500));
                LOG.trace("device model state event {}", ev);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolstackException("device model", domid, "interrupted while waiting for the device model");
        }
    }
}
