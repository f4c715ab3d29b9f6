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
 * for the backend's InitWait, then run the hotplug script. Unlike xl, which runs the scripts
 * of one device kind after the other, all devices are connected in parallel.
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
     * Connects all devices at once and waits for all of them.
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
        ExecutorService pool = Executors.newFixedThreadPool(devices.size(), r -> {
            Thread t = new Thread(r, "xlj-hotplug");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (DeviceSpec d : devices) {
                futures.add(pool.submit(() -> connect(d)));
            }
            DeviceException first = null;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    futures.get(i).get();
                } catch (ExecutionException e) {
                    DeviceException de = e.getCause() instanceof DeviceException x ? x
                            : new DeviceException(devices.get(i).describe() + ": " + e.getCause(), e.getCause());
                    if (first == null) {
                        first = de;
                    } else {
                        LOG.error("{}: {}", devices.get(i).describe(), de.getMessage());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeviceException("interrupted while connecting devices", e);
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
