package io.xlj.libxl;

import io.xlj.config.model.DeviceDisk;
import io.xlj.config.model.DomainConfig;
import io.xlj.libxl.device.BackendState;
import io.xlj.libxl.device.ChannelDevices;
import io.xlj.libxl.device.DeviceConnector;
import io.xlj.libxl.device.DeviceException;
import io.xlj.libxl.device.DeviceKind;
import io.xlj.libxl.device.DeviceSpec;
import io.xlj.libxl.device.DeviceXenstore;
import io.xlj.libxl.device.DiskDevices;
import io.xlj.libxl.device.LocalDiskAttach;
import io.xlj.libxl.device.NicDevices;
import io.xlj.xen.CreateDomainRequest;
import io.xlj.xen.DomainInfo;
import io.xlj.xen.XenCtrl;
import io.xlj.xen.XenDomBuilder;
import io.xlj.xenstore.Batch;
import io.xlj.xenstore.XenstoreClient;
import io.xlj.xenstore.XenstoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What building a PV ({@link DomainCreator}), PVH ({@link PvhCreator}) or HVM
 * ({@link HvmCreator}) guest has in common: {@code xc_domain_create} with a domid libxl
 * would pick, the build of the subclass, and on any failure the teardown of whatever was
 * done, reported as a {@link ToolstackException} naming the step that failed.
 *
 * @param <B> the guest's build settings
 */
abstract class GuestCreator<B> {

    private static final Logger LOG = LoggerFactory.getLogger(GuestCreator.class);

    /** Threads for the steps that run beside a create's main sequence ({@link #beside}). */
    private static final AtomicInteger BESIDE_THREADS = new AtomicInteger();
    private static final ExecutorService BESIDE = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "xlj-create-" + BESIDE_THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    final XenCtrl xc;
    final XenstoreClient xs;
    final Userdata userdata;
    /** More userdata files of the new domain (userid → content), stored with libxl's config. */
    Map<String, byte[]> alsoStore = Map.of();
    final DomainDestroyer destroyer;
    private final DomidHistory history;

    String step = "start";
    private long stepStarted = System.nanoTime();
    /** Steps started with {@link #beside} and not yet awaited. */
    private final List<CompletableFuture<Void>> besideSteps = new ArrayList<>();

    GuestCreator(XenCtrl xc, XenstoreClient xs, Userdata userdata, DomainDestroyer destroyer, DomidHistory history) {
        this.xc = xc;
        this.xs = xs;
        this.userdata = userdata;
        this.destroyer = destroyer;
        this.history = history;
    }

    /** The xc_domain_create request for this guest. */
    abstract CreateDomainRequest request(B b);

    abstract UUID uuid(B b);

    /** Everything after xc_domain_create; leaves the domain paused. */
    abstract void build(DomainConfig config, B b, int domid);

    /**
     * Marks the start of a step (named in errors), where the lab can inject a failure; at
     * DEBUG the daemon's log gets each step's time (XLJ_LOG_LEVEL=DEBUG).
     */
    void enter(String name, Integer domid) {
        if (LOG.isDebugEnabled()) {
            long now = System.nanoTime();
            LOG.debug("domain {}: {} took {} us", domid, step, (now - stepStarted) / 1000);
            stepStarted = now;
        }
        step = name;
        CreateFaults.enter(name, domid);
    }

    /** The new, still paused domain's id. */
    final int create(DomainConfig config, B b) {
        enter("xc_domain_create", null);
        int domid;
        try {
            domid = new DomidAllocator(xc, history).create(request(b), config.cInfo().domid());
        } catch (RuntimeException e) {
            throw new ToolstackException(step, null, "domain creation fail: " + e.getMessage(), e);
        }
        try {
            build(config, b, domid);
            for (CompletableFuture<Void> f : List.copyOf(besideSteps)) {
                await(f);
            }
            return domid;
        } catch (RuntimeException | Error e) {
            // What runs beside must be over before the teardown, or it could write after it.
            besideSteps.forEach(f -> f.handle((ok, err) -> null).join());
            // An Error is not ours to handle, but the half-built domain must not outlive it.
            Throwable failure = e instanceof Error || e instanceof ToolstackException ? e
                    : new ToolstackException(step, domid, "creating domain " + domid + " failed at " + step + ": "
                            + e.getMessage(), e);
            try {
                destroyer.tearDown(domid, uuid(b), Optional.of(XsPaths.vm(uuid(b))));
            } catch (RuntimeException undo) {
                failure.addSuppressed(undo);
                LOG.error("could not undo the half-built domain {}: {}", domid, undo.getMessage());
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        }
    }

    /**
     * Starts a step that needs nothing the main sequence makes after this point, to run beside
     * it (e.g. the xenstore skeleton while libxenguest builds the image: with more than one dom0
     * vCPU the two overlap). Its failure is reported, naming it, by {@link #await}; a create
     * that fails waits for it before tearing down. It sees the caller's injected fault.
     */
    CompletableFuture<Void> beside(String name, int domid, Runnable work) {
        String fault = CreateFaults.current();
        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> CreateFaults.injecting(fault, () -> {
            long started = System.nanoTime();
            try {
                CreateFaults.enter(name, domid);
                work.run();
            } catch (ToolstackException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ToolstackException(name, domid, "creating domain " + domid + " failed at " + name + ": "
                        + e.getMessage(), e);
            }
            LOG.debug("domain {}: {} took {} us beside the build", domid, name, (System.nanoTime() - started) / 1000);
            return null;
        }), BESIDE);
        besideSteps.add(f);
        return f;
    }

    /** Waits for a step started with {@link #beside}; its failure is rethrown as it was. */
    void await(CompletableFuture<Void> f) {
        besideSteps.remove(f);
        try {
            f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * The end of libxl's domcreate_attach_devices (console_xswait): the create completes only
     * once xenconsoled serves console 0, i.e. has written its tty; without xenconsoled it fails
     * after LIBXL_INIT_TIMEOUT and is rolled back, as xl's is.
     */
    void awaitConsoleTty(int domid) {
        enter("console tty", domid);
        String tty = XsPaths.consoleFrontend(domid) + "/tty";
        boolean served = BackendState.awaitValue(xs, tty, v -> v.filter(s -> !s.isEmpty()).isPresent(),
                BackendState.INIT_TIMEOUT);
        if (!served) {
            throw new ToolstackException(step, domid, Thread.currentThread().isInterrupted()
                    ? "interrupted while waiting for domain " + domid + " console tty"
                    : "domain " + domid + " console tty: timed out");
        }
    }

    /** What follows the boot image in a PV or PVH build: the part that differs between them. */
    interface BuildFromImage {
        void build(PvImage image, List<NicDevices.Resolved> nics, CompletableFuture<Void> skeleton);
    }

    /**
     * A PV or PVH guest from libxl__domain_make's skeleton to its stored config: the disk and
     * nic defaults, the boot image (libxl__bootloader_run), then {@code fromImage}. libxl
     * writes the skeleton before the build and the config last; nothing of the build reads
     * either, so both are written while libxenguest builds the image ({@link #beside}) and
     * waited for where libxl writes them: {@code fromImage} awaits the skeleton before the
     * build's own entries.
     */
    void buildBesideRecords(DomainConfig config, UUID uuid, String name, String type, long videoMemKb, int domid,
                            BuildFromImage fromImage) {
        CompletableFuture<Void> skeleton = beside("xenstore skeleton", domid, () -> xs.runInTransaction(t -> {
            t.pipelineWrites();
            DomainXenstore.skeleton(t, domid, uuid, name, type, orEmpty(config.cInfo().xsdata()),
                    orEmpty(config.cInfo().platformdata()));
            return null;
        }));
        // initiate_domain_create: disk and nic defaults.
        List<NicDevices.Resolved> nics = deviceDefaults(config, domid, false);
        CompletableFuture<Void> stored = beside("userdata", domid,
                () -> storeConfigNow(config, domid, uuid, videoMemKb, nics));
        if (!orEmpty(config.disks()).isEmpty() && config.bInfo().bootloader() != null) {
            await(skeleton); // the bootloader's domain is complete in xenstore, as libxl's is
        }
        // A bootloader's kernel and ramdisk are mapped until the build is over.
        try (PvImage image = bootImage(config, domid)) {
            fromImage.build(image, nics, skeleton);
        }
        enter("userdata", domid);
        await(stored);
    }

    /**
     * libxl__bootloader_run for a PV or PVH guest: the config's kernel, or what its bootloader
     * extracts from the first disk (with its defaults; attached to dom0 when dom0 cannot read
     * it in place). The caller closes the image once the build is over.
     */
    PvImage bootImage(DomainConfig config, int domid) {
        List<DeviceDisk> disks = orEmpty(config.disks());
        List<DeviceDisk> first = disks.isEmpty() || config.bInfo().bootloader() == null ? List.of()
                : List.of(DiskDevices.resolve(disks.get(0), domid, null).disk());
        // libxl writes the native protocol into the frontends of a PV domain only.
        LocalDiskAttach dom0 = new LocalDiskAttach(xs,
                () -> xc.domainInfo(0).map(DomainInfo::hvm).orElse(false) ? null : xc.nativeProtocol(0));
        return new Bootloader(dom0, name -> enter(name, domid)).run(config.bInfo(), first, domid);
    }

    /**
     * The kernel and ramdisk into the builder, mapped (a bootloader's) or from their files;
     * libxl skips an empty ramdisk path as well as none.
     *
     * @param inflate a gzip ramdisk is handed over inflated ({@link InflatedRamdisks}), as
     *                libxenguest would inflate it
     */
    void loadImage(XenDomBuilder dom, PvImage image, int domid, boolean inflate) {
        if (image.kernel() != null) {
            enter("xc_dom_kernel_mem", domid);
            dom.kernelMem(image.kernel());
        } else {
            enter("xc_dom_kernel_file", domid);
            dom.kernelFile(image.kernelPath());
        }
        if (image.ramdisk() != null) {
            enter("xc_dom_module_mem", domid);
            dom.moduleMem(image.ramdisk(), null);
        } else if (image.ramdiskPath() != null && !image.ramdiskPath().isEmpty()) {
            Optional<InflatedRamdisks.Image> inflated = inflate ? InflatedRamdisks.of(Path.of(image.ramdiskPath()))
                    : Optional.empty();
            if (inflated.isPresent()) {
                enter("xc_dom_module_mem", domid);
                dom.moduleMem(inflated.get().memory(), inflated.get().size(), null);
            } else {
                enter("xc_dom_module_file", domid);
                dom.moduleFile(image.ramdiskPath(), null);
            }
        }
    }

    /**
     * initiate_domain_create's device defaults, before anything is built on them: every disk's
     * (the backend needs the image's stat) and the nics' with their devids.
     *
     * @param hvm an HVM guest, whose nics are emulated too unless they say type=vif
     */
    List<NicDevices.Resolved> deviceDefaults(DomainConfig config, int domid, boolean hvm) {
        List<DeviceDisk> disks = orEmpty(config.disks());
        for (int i = 0; i < disks.size(); i++) {
            enter("disk defaults", domid);
            try {
                // Resolved again when added, with the guest's protocol; this pass only validates.
                DiskDevices.resolve(disks.get(i), domid, null, hvm);
            } catch (DeviceException e) {
                throw new ToolstackException(step, domid, e.getMessage() + " (Unable to set disk defaults for disk "
                        + i + ")", e);
            }
        }
        enter("nic defaults", domid);
        try {
            return NicDevices.resolveForCreate(orEmpty(config.nics()), domid, hvm);
        } catch (DeviceException e) {
            throw new ToolstackException(step, domid, e.getMessage(), e);
        }
    }

    /**
     * From domcreate_rebuild_done to domcreate_attach_devices for a guest without an HVM
     * device model (PV, PVH): the disks' nodes, the channels', console 0, a QEMU in dom0 if a
     * qdisk or a channel needs one (libxl__need_xenpv_qemu), the nics' nodes, then every
     * hotplug script while that QEMU starts.
     */
    void addDevices(DomainConfig config, String name, long maxMemKb, long videoMemKb, String protocol,
                    List<NicDevices.Resolved> nics, int domid, Runnable console) {
        List<DiskDevices.Resolved> disks = addDisks(config, domid, protocol, false);
        List<DeviceSpec> devices = new ArrayList<>(disks.stream().map(DiskDevices.Resolved::spec).toList());
        List<ChannelDevices.Resolved> channels = addChannels(config, domid);
        console.run();
        Process qemu = null;
        if (disks.stream().anyMatch(r -> DiskDevices.needsQemu(r.disk())) || ChannelDevices.needQemu(channels)) {
            enter("device model", domid);
            qemu = new PvDeviceModel(xs).start(domid, name, PvDeviceModel.args(DeviceModelArgs.path(config.bInfo()),
                    domid, name, maxMemKb, videoMemKb, channels));
        }
        devices.addAll(addNics(nics, domid));
        connect(devices, domid);
        if (qemu != null) {
            enter("device model running", domid);
            new PvDeviceModel(xs).awaitRunning(domid, qemu, PvDeviceModel.START_TIMEOUT);
        }
    }

    /** Console 0's nodes, in one transaction. */
    void addConsole(int domid, int consoleDomid, int consolePort, long consolePfn) {
        enter("console", domid);
        xs.runInTransaction(t -> {
            t.pipelineWrites();
            DomainXenstore.primaryConsole(t, domid, consoleDomid, consolePort, consolePfn);
            return null;
        });
    }

    /**
     * domcreate_rebuild_done: the disks' nodes.
     *
     * @param protocol the PV guest's native protocol for the frontends, null for PVH/HVM
     * @param hvm      an HVM guest (its device model serves its cdroms)
     */
    List<DiskDevices.Resolved> addDisks(DomainConfig config, int domid, String protocol, boolean hvm) {
        enter("disk devices", domid);
        List<DiskDevices.Resolved> disks = new ArrayList<>();
        for (DeviceDisk disk : orEmpty(config.disks())) {
            disks.add(DiskDevices.resolve(disk, domid, protocol, hvm));
        }
        addNodes(disks.stream().map(DiskDevices.Resolved::spec).toList(), "disk devices");
        return disks;
    }

    /**
     * domcreate_launch_dm's first step: each channel's console device (devid 1, 2, ...; the
     * channel xl numbers 0 is logged and left out, as libxl does). QEMU, started after, is
     * their backend; nothing waits for them.
     */
    List<ChannelDevices.Resolved> addChannels(DomainConfig config, int domid) {
        enter("channels", domid);
        List<ChannelDevices.Resolved> channels;
        try {
            channels = ChannelDevices.resolve(orEmpty(config.channels()), domid, this::domidOfName);
        } catch (DeviceException e) {
            throw new ToolstackException(step, domid, e.getMessage(), e);
        }
        for (ChannelDevices.Resolved c : channels) {
            if (c.spec() == null) {
                LibxlMessages.error("libxl_console.c:271:libxl__device_console_add: Domain " + domid
                        + ":Primary console has invalid configuration");
            } else {
                addNodes(List.of(c.spec()), "channels");
            }
        }
        return channels;
    }

    /** libxl_domain_qualifier_to_domid: a number is a domid, anything else a domain's name. */
    private Integer domidOfName(String qualifier) {
        if (qualifier.matches("[0-9]+")) {
            return Integer.valueOf(qualifier);
        }
        OptionalInt domid = Toolstack.domidOf(xc, xs, qualifier);
        return domid.isPresent() ? domid.getAsInt() : null;
    }

    /** domcreate_attach_devices: the nics' nodes. */
    List<DeviceSpec> addNics(List<NicDevices.Resolved> nics, int domid) {
        enter("vif devices", domid);
        List<DeviceSpec> vifs = nics.stream().map(NicDevices.Resolved::spec).toList();
        addNodes(vifs, "vif devices");
        return vifs;
    }

    /** Waits for the backends and runs the hotplug scripts (in parallel where they differ). */
    void connect(List<DeviceSpec> devices, int domid) {
        enter("hotplug scripts", domid);
        try {
            new DeviceConnector(xs).connectAll(devices);
        } catch (DeviceException e) {
            throw new ToolstackException(step, domid, e.getMessage(), e);
        }
    }

    /**
     * libxl__device_exists + libxl__device_generic_add for each device of a kind, all in one
     * transaction ({@link DeviceXenstore#addAllIfAbsent}).
     */
    private void addNodes(List<DeviceSpec> devices, String what) {
        DeviceXenstore.addAllIfAbsent(xs, devices).ifPresent(d -> {
            // libxl's device_disk_add line; the caller's own line follows it.
            List<String> lines = d.kind() == DeviceKind.VBD
                    ? List.of("libxl_disk.c:343:device_disk_add: Domain " + d.domid()
                            + ":device already exists in xenstore")
                    : List.of();
            throw new ToolstackException(step, d.domid(), "device already exists in xenstore: "
                    + d.backendPath() + " (unable to add " + what + ")",
                    new DeviceException("device already exists in xenstore", lines, null));
        });
    }

    /**
     * The config libxl stores ({@link StoredConfig}) and the caller's {@link #alsoStore} files,
     * under one hold of libxl's userdata lock.
     */
    void storeConfig(DomainConfig config, int domid, UUID uuid, long videoMemKb, List<NicDevices.Resolved> nics) {
        enter("userdata", domid);
        storeConfigNow(config, domid, uuid, videoMemKb, nics);
    }

    /** {@link #storeConfig} without entering its step: what {@link #beside} runs. */
    void storeConfigNow(DomainConfig config, int domid, UUID uuid, long videoMemKb, List<NicDevices.Resolved> nics) {
        byte[] json = StoredConfig.json(config, uuid, videoMemKb, nics.stream().map(NicDevices.Resolved::nic).toList());
        userdata.locked(domid, uuid, () -> {
            userdata.store(domid, uuid, Userdata.LIBXL_JSON, json);
            alsoStore.forEach((userid, data) -> userdata.store(domid, uuid, userid, data));
        });
    }

    /** Where xenstored and xenconsoled run: /tool/NAME/domid, both read in one round trip. */
    record ToolDomids(int xenstored, int xenconsoled) {
    }

    ToolDomids toolDomids() {
        Batch b = xs.batch();
        CompletableFuture<byte[]> store = b.read("/tool/xenstored/domid");
        CompletableFuture<byte[]> console = b.read("/tool/xenconsoled/domid");
        try {
            b.sendAndWait();
        } catch (XenstoreException e) {
            // Each answer is looked at below: an absent node means dom0.
        }
        return new ToolDomids(toolDomid(store), toolDomid(console));
    }

    /** A /tool/NAME/domid value read as libxl does (atoi; absent: dom0). */
    private static int toolDomid(CompletableFuture<byte[]> read) {
        String s = Batch.value(read).orElse("").trim();
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i == 0 ? 0 : Integer.parseInt(s.substring(0, Math.min(i, 9)));
    }

    static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
