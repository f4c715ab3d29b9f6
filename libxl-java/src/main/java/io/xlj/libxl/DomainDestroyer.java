package io.xlj.libxl;

import io.xlj.libxl.device.DeviceRemover;
import io.xlj.libxl.device.DeviceXenstore;
import io.xlj.xen.DomainInfo;
import io.xlj.xen.XenCallException;
import io.xlj.xen.XenCtrl;
import io.xlj.xenstore.Batch;
import io.xlj.xenstore.XenstoreClient;
import io.xlj.xenstore.XenstoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
        // What the teardown needs to know, in one round trip to xenstored.
        String dom = XsPaths.dom(domid);
        Batch reads = xs.batch();
        CompletableFuture<byte[]> dmPid = reads.read(DeviceModel.pidPath(domid));
        CompletableFuture<byte[]> dmState = reads.read(DeviceModel.statePath(domid));
        CompletableFuture<byte[]> type = reads.read(XsPaths.libxl(domid) + "/type");
        CompletableFuture<byte[]> vmPath = reads.read(dom + "/vm");
        String devices = XsPaths.libxl(domid) + "/device";
        CompletableFuture<List<String>> kindsRead = reads.directory(devices);
        sendReads(reads);
        List<String> kinds = kindsRead.exceptionally(e -> List.of()).join();
        boolean hasDm = valueOf(dmPid).isPresent() || valueOf(dmState).isPresent()
                || valueOf(type).filter("hvm"::equals).isPresent();
        if (hasDm) {
            new DeviceModel(xs).destroy(domid);
        }
        LOG.debug("domain {}: paused, device model checked", domid);
        try {
            new DeviceRemover(xs).removeAll(domid, true, kinds);
        } catch (RuntimeException e) {
            LOG.warn("removing the devices of domain {}: {}", domid, e.getMessage());
        }
        LOG.debug("domain {}: devices removed", domid);
        removeDevices(devices, kinds);
        LOG.debug("domain {}: device entries removed", domid);
        Optional<String> vm = knownVm.isPresent() ? knownVm : valueOf(vmPath);
        Batch removals = xs.batch();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        vm.ifPresent(p -> done.add(removals.rm(p)));
        done.add(removals.rm(dom));
        done.add(removals.rm(XsPaths.libxl(domid)));
        done.add(removals.rm(dom + "/hvmloader"));
        // xenstored removes the directories while the userdata files go and Xen destroys the
        // domain (libxl: one after the other). Its domid cannot come back meanwhile: it is
        // marked recent before Xen frees it, and a libxl-compatible create refuses a recent domid.
        try {
            removals.send();
        } catch (XenstoreException e) {
            LOG.debug("xenstore during destroy: {}", e.getMessage());
        }
        try {
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
        } finally {
            done.forEach(DomainDestroyer::warnUnlessGone);
            LOG.debug("domain {}: xenstore directories removed", domid);
        }
        LOG.debug("domain {}: xc_domain_destroy done", domid);
    }

    /**
     * libxl__devices_destroy over /libxl/N/device/KIND/DEVID, each removed as libxl__device_destroy
     * does: its frontend, libxl and backend paths cleaned up. The listings and paths are read in
     * batches and all devices go in one transaction (libxl: a transaction each), same end state.
     */
    private void removeDevices(String base, List<String> kinds) {
        if (kinds.isEmpty()) {
            return;
        }
        Batch listings = xs.batch();
        Map<String, CompletableFuture<List<String>>> devices = new LinkedHashMap<>();
        for (String kind : kinds) {
            devices.put(base + "/" + kind, listings.directory(base + "/" + kind));
        }
        sendReads(listings);
        Batch ends = xs.batch();
        Map<String, List<CompletableFuture<byte[]>>> paths = new LinkedHashMap<>();
        devices.forEach((kind, listing) -> {
            for (String dev : listing.exceptionally(e -> List.of()).join()) {
                String lx = kind + "/" + dev;
                paths.put(lx, List.of(ends.read(lx + "/frontend"), ends.read(lx + "/backend")));
            }
        });
        sendReads(ends);
        List<String> cleanup = new ArrayList<>();
        paths.forEach((lx, feBe) -> {
            valueOf(feBe.get(0)).ifPresent(cleanup::add);
            cleanup.add(lx);
            valueOf(feBe.get(1)).ifPresent(cleanup::add);
        });
        quietlyRun(() -> xs.runInTransaction(t -> {
            t.pipelineWrites();
            DeviceXenstore.pathCleanup(t, cleanup);
            return null;
        }));
    }

    /** Sends a batch of reads; each answer (an absent node is no failure here) is looked at by its caller. */
    private static void sendReads(Batch reads) {
        try {
            reads.sendAndWait();
        } catch (XenstoreException e) {
            LOG.debug("xenstore during destroy: {}", e.getMessage());
        }
    }

    /** A batched read's value; empty when the node is missing (or the read failed: destroy goes on). */
    private static Optional<String> valueOf(CompletableFuture<byte[]> read) {
        return quietly(() -> Batch.value(read));
    }

    private static void warnUnlessGone(CompletableFuture<Void> rm) {
        try {
            rm.join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof XenstoreException x && x.isNoEntry())) {
                LOG.warn("xenstore during destroy: {}", e.getCause().getMessage());
            }
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
