package io.xlj.libxl;

import io.xlj.libxl.device.DeviceRemover;
import io.xlj.xen.DomainInfo;
import io.xlj.xen.XenCallException;
import io.xlj.xen.XenCtrl;
import io.xlj.xenstore.XenstoreClient;
import io.xlj.xenstore.XenstoreException;
import io.xlj.xenstore.XenstoreOps;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libxl__destroy_domid for domains without emulated devices: pause, remove vbds and vifs by
 * force (backend closed, hotplug scripts run offline, so loop devices and bridge ports are
 * released), remove the other device entries (console: by removing the nodes, as libxl
 * does), the domain's
 * xenstore directories and userdata files, then {@code xc_domain_destroy}. Also undoes a
 * half-built domain, whose /local/domain/N/vm may not exist yet.
 */
final class DomainDestroyer {

    private static final Logger LOG = LoggerFactory.getLogger(DomainDestroyer.class);

    private final XenCtrl xc;
    private final XenstoreClient xs;
    private final Userdata userdata;
    private final DomidHistory history;

    DomainDestroyer(XenCtrl xc, XenstoreClient xs, Userdata userdata, DomidHistory history) {
        this.xc = xc;
        this.xs = xs;
        this.userdata = userdata;
        this.history = history;
    }

    /** Destroys an existing domain; fails if it does not exist. */
    void destroy(int domid) {
        DomainInfo info = xc.domainInfo(domid).orElseThrow(() -> new DomainNotFoundException(domid));
        tearDown(domid, info.uuid(), Optional.empty());
    }

    /**
     * Removes everything of {@code domid} that exists, best effort for the xenstore and file
     * parts; the last step, {@code xc_domain_destroy}, throws if it fails.
     *
     * @param knownVm the /vm/UUID path when the caller knows it (a rollback), else read from xenstore
     */
    void tearDown(int domid, UUID uuid, Optional<String> knownVm) {
        try {
            xc.pauseDomain(domid);
        } catch (XenCallException e) {
            LOG.debug("pause before destroy of domain {}: {}", domid, e.getMessage());
        }
        // libxl__destroy_device_model, before the devices: the guest's own QEMU (HVM) or the
        // xenpv one serving its qdisks (both record their pid under image/device-model-pid).
        boolean hasDm = quietly(() -> xs.readOptional(DeviceModel.pidPath(domid))).isPresent()
                || quietly(() -> xs.readOptional(DeviceModel.statePath(domid))).isPresent()
                || quietly(() -> xs.readOptional(XsPaths.libxl(domid) + "/type")).filter("hvm"::equals).isPresent();
        if (hasDm) {
            new DeviceModel(xs).destroy(domid);
        }
        LOG.debug("domain {}: paused, device model checked", domid);
        try {
            new DeviceRemover(xs).removeAll(domid, true);
        } catch (RuntimeException e) {
            LOG.warn("removing the devices of domain {}: {}", domid, e.getMessage());
        }
        LOG.debug("domain {}: devices removed", domid);
        removeDevices(domid);
        LOG.debug("domain {}: device entries removed", domid);
        String dom = XsPaths.dom(domid);
        Optional<String> vm = knownVm.isPresent() ? knownVm : quietly(() -> xs.readOptional(dom + "/vm"));
        vm.ifPresent(p -> quietlyRun(() -> DomainXenstore.rm(xs, p)));
        quietlyRun(() -> DomainXenstore.rm(xs, dom));
        quietlyRun(() -> DomainXenstore.rm(xs, XsPaths.libxl(domid)));
        quietlyRun(() -> DomainXenstore.rm(xs, dom + "/hvmloader"));
        LOG.debug("domain {}: xenstore directories removed", domid);
        userdata.locked(domid, uuid, () -> userdata.destroyAll(domid, uuid));
        LOG.debug("domain {}: userdata removed", domid);
        // libxl marks the domid recent before it destroys the domain: a create that races
        // with this destroy must not be handed the same id.
        try {
            history.markRecent(domid);
        } catch (RuntimeException e) {
            LOG.warn("domain {}: could not record it in the domid history: {}", domid, e.getMessage());
        }
        xc.destroyDomain(domid);
        LOG.debug("domain {}: xc_domain_destroy done", domid);
    }

    /** libxl__devices_destroy over /libxl/N/device/KIND/DEVID, each removed as libxl__device_destroy does. */
    private void removeDevices(int domid) {
        String base = XsPaths.libxl(domid) + "/device";
        List<String> kinds = quietly(() -> Optional.of(xs.directory(base))).orElse(List.of());
        for (String kind : kinds) {
            List<String> devs = quietly(() -> Optional.of(xs.directory(base + "/" + kind))).orElse(List.of());
            for (String dev : devs) {
                String lx = base + "/" + kind + "/" + dev;
                Optional<String> be = quietly(() -> xs.readOptional(lx + "/backend"));
                Optional<String> fe = quietly(() -> xs.readOptional(lx + "/frontend"));
                quietlyRun(() -> xs.runInTransaction(t -> {
                    fe.ifPresent(p -> pathCleanup(t, p));
                    pathCleanup(t, lx);
                    be.ifPresent(p -> pathCleanup(t, p));
                    return null;
                }));
            }
        }
    }

    /** libxl__xs_path_cleanup: remove the node, then every parent left empty (value "" and no children). */
    static void pathCleanup(XenstoreOps t, String path) {
        DomainXenstore.rm(t, path);
        String p = path;
        for (int slash = p.lastIndexOf('/'); slash > 0; slash = p.lastIndexOf('/')) {
            p = p.substring(0, slash);
            Optional<String> value = t.readOptional(p);
            if (value.isEmpty() || !value.get().isEmpty() || !t.directory(p).isEmpty()) {
                return;
            }
            DomainXenstore.rm(t, p);
        }
    }

    private static <T> Optional<T> quietly(java.util.function.Supplier<Optional<T>> s) {
        try {
            return s.get();
        } catch (XenstoreException e) {
            LOG.debug("xenstore during destroy: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static void quietlyRun(Runnable r) {
        try {
            r.run();
        } catch (XenstoreException e) {
            LOG.warn("xenstore during destroy: {}", e.getMessage());
        }
    }
}
