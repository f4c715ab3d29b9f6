package io.xlj.libxl.device;

import io.xlj.xenstore.XenstoreClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libxl__wait_device_connection + device_hotplug for devices whose nodes are written: wait
 * for the backend's InitWait, then run the hotplug script. Unlike xl, which runs the scripts
 * of one device after the other, devices with different scripts are connected in parallel.
 */
public final class DeviceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnector.class);

    private final XenstoreClient xs;
    private final HotplugScripts scripts;

    public DeviceConnector(XenstoreClient xs) {
        this.xs = xs;
        this.scripts = new HotplugScripts(xs);
    }

    /** Connects one device; the DeviceException carries libxl's words. */
    public void connect(DeviceSpec d) {
        if (d.backendKind() == DeviceKind.QDISK) {
            // libxl's QEMU_BACKEND: QEMU takes the device to Connected itself, without InitWait
            // or a hotplug script, and may not be running yet; nothing to wait for here.
            return;
        }
        String be = d.backendPath();
        if (!BackendState.await(xs, be + "/state", BackendState.INIT_WAIT, BackendState.INIT_TIMEOUT)) {
            throw new DeviceException("unable to add device with path " + be);
        }
        if (d.backendDomid() != 0) {
            // A driver domain runs its own scripts (libxl: "assuming driver domains").
            return;
        }
        scripts.run(d, HotplugAction.ADD);
        LOG.debug("connected {}", d.describe());
    }

    /**
     * Connects all devices and waits for all of them: devices whose hotplug scripts differ are
     * connected in parallel, those with the same script one after the other. Xen's scripts
     * take a lock of their own for most of their work ({@code claim_lock "block"}), so two
     * instances of one script run in turn anyway, and libxl's 40 s limit per script must not
     * be spent waiting for another instance's lock.
     *
     * @throws DeviceException the first failure in list order (the others are logged)
     */
    public void connectAll(List<DeviceSpec> devices) {
        if (devices.isEmpty()) {
            return;
        }
        if (devices.size() == 1) {
            connect(devices.get(0));
            return;
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < devices.size(); i++) {
            DeviceSpec d = devices.get(i);
            String key = d.back().getOrDefault("script", d.backendKind().xsName() + "#" + i);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        RuntimeException[] failures = new RuntimeException[devices.size()];
        ExecutorService pool = Executors.newFixedThreadPool(groups.size(), r -> {
            Thread t = new Thread(r, "xlj-hotplug");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<Integer> group : groups.values()) {
                futures.add(pool.submit(() -> {
                    for (int i : group) {
                        try {
                            connect(devices.get(i));
                        } catch (RuntimeException e) {
                            // The rest of this script's devices are not started: the caller
                            // removes all devices after a failure.
                            failures[i] = e;
                            return;
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new DeviceException("connecting devices: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeviceException("interrupted while connecting devices", e);
                }
            }
            DeviceException first = null;
            for (int i = 0; i < failures.length; i++) {
                if (failures[i] == null) {
                    continue;
                }
                DeviceException de = failures[i] instanceof DeviceException x ? x
                        : new DeviceException(devices.get(i).describe() + ": " + failures[i], failures[i]);
                if (first == null) {
                    first = de;
                } else {
                    LOG.error("{}: {}", devices.get(i).describe(), de.getMessage());
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
