package io.xlj.libxl.device;

import io.xlj.xenstore.XenstoreClient;
import io.xlj.xenstore.XenstoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libxl__initiate_device_generic_remove + device_hotplug + libxl__device_destroy for one
 * device found under /libxl/N/device/KIND/DEVID: {@code online=0}, backend state 5 (Closing)
 * unless already 6, wait up to 10 s for 6 (Closed), the hotplug script with
 * {@code remove}/{@code offline}, then the frontend, libxl and backend nodes removed.
 * With {@code force} (domain destruction) the frontend goes first, as libxl's forced remove
 * does, so the backend closes without the guest's help.
 */
public final class DeviceRemover {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRemover.class);

    private final XenstoreClient xs;
    private final HotplugScripts scripts;

    public DeviceRemover(XenstoreClient xs) {
        this.xs = xs;
        this.scripts = new HotplugScripts(xs);
    }

    /** Kinds whose devices this class removes; others are left to DomainDestroyer's plain removal. */
    public static Optional<DeviceKind> handledKind(String name) {
        for (DeviceKind k : List.of(DeviceKind.VBD, DeviceKind.VIF)) {
            if (k.xsName().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * Removes one device.
     *
     * @return false if the backend did not reach Closed in time (the nodes are removed anyway when forced)
     * @throws DeviceException when the device is not there
     */
    public boolean remove(DeviceKind kind, int domid, int devid, boolean force) {
        String lx = DeviceSpec.libxlPath(kind, domid, devid);
        Optional<String> be = xs.readOptional(lx + "/backend");
        Optional<String> fe = xs.readOptional(lx + "/frontend");
        if (be.isEmpty()) {
            throw new DeviceException(kind.xsName() + " " + devid + " of domain " + domid + " does not exist");
        }
        DeviceSpec d = DeviceSpec.fromBackendPath(kind, be.get());
        String statePath = be.get() + "/state";
        boolean backendThere = xs.runInTransaction(t -> {
            if (force) {
                fe.ifPresent(p -> DeviceXenstore.pathCleanup(t, p));
            }
            Optional<String> state = t.readOptional(statePath);
            if (state.isEmpty()) {
                return false;
            }
            t.write(be.get() + "/online", "0");
            if (!state.get().trim().equals(Integer.toString(BackendState.CLOSED))) {
                t.write(statePath, Integer.toString(BackendState.CLOSING));
            }
            return true;
        });
        boolean closed = true;
        if (backendThere && force && d != null && d.backendKind() == DeviceKind.QDISK) {
            // The device model that serves it is going away with the domain (libxl waits its
            // 2 s QEMU bodge instead); the nodes are removed below.
            backendThere = false;
        }
        if (backendThere) {
            closed = BackendState.await(xs, statePath, BackendState.CLOSED, BackendState.DESTROY_TIMEOUT);
            if (!closed && !force) {
                // libxl's FORCE_AUTO: on timeout, remove again by force.
                LOG.debug("backend {} did not close in time, removing by force", be.get());
                return remove(kind, domid, devid, true);
            }
            if (!closed) {
                LOG.error("unable to remove device with path {}", be.get());
            }
            // The script runs even when the backend did not close, so that no loop device or
            // bridge port outlives the device (libxl skips it then).
            if (d != null && d.backendDomid() == 0) {
                try {
                    scripts.run(d, HotplugAction.REMOVE);
                } catch (DeviceException e) {
                    // On disconnection libxl ignores script errors and carries on.
                    LOG.debug("{}: {}", d.describe(), e.getMessage());
                }
            }
        }
        xs.runInTransaction(t -> {
            t.pipelineWrites();
            DeviceXenstore.destroy(t, fe.orElse(null), lx, be.get());
            return null;
        });
        return closed;
    }

    /**
     * Removes every vbd and vif of a domain (libxl__devices_destroy), best effort; in parallel.
     *
     * @param kinds what /libxl/DOMID/device lists (the caller has read it): kinds not there are not looked at
     */
    public void removeAll(int domid, boolean force, List<String> kinds) {
        List<Thread> threads = new ArrayList<>();
        for (DeviceKind kind : List.of(DeviceKind.VBD, DeviceKind.VIF)) {
            if (!kinds.contains(kind.xsName())) {
                continue;
            }
            List<String> devids;
            try {
                devids = xs.directory("/libxl/" + domid + "/device/" + kind.xsName());
            } catch (XenstoreException e) {
                continue;
            }
            for (String id : devids) {
                int devid;
                try {
                    devid = Integer.parseInt(id);
                } catch (NumberFormatException e) {
                    continue;
                }
                Thread t = new Thread(() -> {
                    try {
                        remove(kind, domid, devid, force);
                    } catch (RuntimeException e) {
                        LOG.warn("removing {} {} of domain {}: {}", kind.xsName(), devid, domid, e.getMessage());
                    }
                }, "xlj-device-remove");
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
