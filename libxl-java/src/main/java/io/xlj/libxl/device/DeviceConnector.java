package io.xlj.libxl.device;

import io.xlj.xenstore.XenstoreClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libxl__wait_device_connection + device_hotplug for devices whose nodes are written: wait
 * for the backend's InitWait, then run the hotplug script. libxl connects a create's devices
 * one kind after the other (a kind's devices together); here all kinds go together.
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
     * At most this many devices are connected at once. Their scripts serialise what must not
     * overlap themselves ({@code claim_lock "block"}, {@code "iptables"}), as they do when udev
     * runs them; each waits for such a lock within libxl's 40 s per script, which a few at a
     * time keep far from.
     */
    static final int MAX_AT_ONCE = 4;

    /**
     * Connects all devices and waits for all of them, up to {@link #MAX_AT_ONCE} at a time:
     * the shell of one script starts while another's runs, and with more than one dom0 vCPU
     * they overlap (libxl: the disks together, then the nics together).
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
        RuntimeException[] failures = new RuntimeException[devices.size()];
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(devices.size(), MAX_AT_ONCE), r -> {
            Thread t = new Thread(r, "xlj-hotplug");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < devices.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    try {
                        connect(devices.get(index));
                    } catch (RuntimeException e) {
                        // The caller removes all devices after a failure.
                        failures[index] = e;
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
