package io.xlj.libxl;

import io.xlj.config.model.DeviceDisk;
import io.xlj.config.model.DomainConfig;
import io.xlj.xen.DomainInfo;
import io.xlj.xen.XenCallException;
import io.xlj.xen.XenConstants;
import io.xlj.xen.XenCtrl;
import io.xlj.xen.XenHostQueries;
import io.xlj.xenstore.Batch;
import io.xlj.xenstore.WatchedReads;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The toolstack facade: create, list and destroy domains on the Xen host this process runs
 * in (dom0), with libxl 4.17's xenstore layout and userdata files so that Xen's own xl and
 * ours can manage each other's domains.
 */
public final class Toolstack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Toolstack.class);

    private final XenCtrl xc;
    private final XenstoreClient xs;
    private final Userdata userdata;
    private final DomainDestroyer destroyer;
    private final DomidHistory history;
    /** Whether {@link #close()} closes the handles: false for a {@link #borrowed()} view. */
    private final boolean owner;
    /** The names' cache of a long-lived process ({@link #cacheNames}); null: read each time. */
    private volatile WatchedReads names;
    /** Counts {@link #noteOwnChanges}; {@code synced}: the count the last completed sync covers. */
    private final AtomicLong ownChanges;
    private final AtomicLong synced;

    Toolstack(XenCtrl xc, XenstoreClient xs, Userdata userdata) {
        this.xc = xc;
        this.xs = xs;
        this.userdata = userdata;
        this.history = DomidHistory.host();
        this.destroyer = new DomainDestroyer(xc, xs, userdata, history);
        this.owner = true;
        this.ownChanges = new AtomicLong();
        this.synced = new AtomicLong();
    }

    private Toolstack(Toolstack shared) {
        this.xc = shared.xc;
        this.xs = shared.xs;
        this.userdata = shared.userdata;
        this.history = shared.history;
        this.destroyer = shared.destroyer;
        this.owner = false;
        // The daemon's commands list from its names' cache too, under the same syncs.
        this.names = shared.names;
        this.ownChanges = shared.ownChanges;
        this.synced = shared.synced;
    }

    /**
     * This toolstack for a user that closes what it opens (an xl command run in xljd) but must
     * leave the handles open: its {@link #close()} does nothing. The daemon's commands so skip
     * opening libxenctrl and a xenstore connection each (tens of ms each in a PV dom0).
     */
    public Toolstack borrowed() {
        return new Toolstack(this);
    }

    /** Opens libxenctrl and the xenstore connection of this dom0. */
    public static Toolstack open() {
        XenCtrl xc = XenCtrl.open();
        try {
            return new Toolstack(xc, XenstoreClient.open(), new Userdata(Userdata.DEFAULT_DIR));
        } catch (RuntimeException e) {
            xc.close();
            throw e;
        }
    }

    /** For tests: another userdata directory. */
    public static Toolstack open(Path userdataDir) {
        XenCtrl xc = XenCtrl.open();
        try {
            return new Toolstack(xc, XenstoreClient.open(), new Userdata(userdataDir));
        } catch (RuntimeException e) {
            xc.close();
            throw e;
        }
    }

    public XenCtrl xenCtrl() {
        return xc;
    }

    public XenstoreClient xenstore() {
        return xs;
    }

    public Userdata userdata() {
        return userdata;
    }

    /**
     * What xl's create_domain does with xl.conf's {@code domid_policy} before libxl sees the
     * config: a config that asks for no valid domid gets the policy (INVALID_DOMID: Xen's
     * choice; RANDOM_DOMID: a random one) as its c_info.domid.
     */
    public static DomainConfig withDomidPolicy(DomainConfig config, int domidPolicy) {
        long asked = config.cInfo().domid();
        if (asked > 0 && asked < io.xlj.xen.XenConstants.DOMID_FIRST_RESERVED) {
            return config;
        }
        return RecordCopy.with(config, java.util.Map.of("cInfo",
                RecordCopy.with(config.cInfo(), java.util.Map.of("domid", Integer.toUnsignedLong(domidPolicy)))));
    }

    /**
     * Creates a PV guest from an xl-parsed config and unpauses it unless {@code paused}.
     *
     * @return the new domain's id
     * @throws ToolstackException naming the failed step; nothing of the domain is left behind
     */
    public int create(DomainConfig config, boolean paused) {
        return create(config, paused, Map.of());
    }

    /**
     * {@link #create(DomainConfig, boolean)}, also storing {@code userdata} (userid → content,
     * e.g. xljd's copy of the config text) with libxl's stored config, under the same lock.
     */
    public int create(DomainConfig config, boolean paused, Map<String, byte[]> userdata) {
        if (config.cInfo().type() == io.xlj.config.model.DomainType.PVH) {
            return createPvh(config, paused, userdata);
        }
        if (config.cInfo().type() == io.xlj.config.model.DomainType.HVM) {
            return createHvm(config, paused, userdata);
        }
        boolean gnttabV2 = xc.physInfo().hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_gnttab_v2);
        PvBuild build = PvBuild.of(config, gnttabV2);
        refuseTakenName(build.name());
        DomainCreator creator = new DomainCreator(xc, xs, this.userdata, destroyer, history);
        creator.alsoStore = Map.copyOf(userdata);
        int domid = creator.create(config, build);
        if (!paused) {
            unpauseOrTearDown(domid, build.uuid());
        }
        return domid;
    }

    /** {@link #create} for a PVH guest: {@link PvhBuild} and {@link PvhCreator}. */
    private int createPvh(DomainConfig config, boolean paused, Map<String, byte[]> userdata) {
        io.xlj.xen.PhysInfo phys = xc.physInfo();
        PvhBuild build = PvhBuild.of(config, phys.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_gnttab_v2),
                phys.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_hap),
                phys.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_shadow));
        refuseTakenName(build.name());
        PvhCreator creator = new PvhCreator(xc, xs, this.userdata, destroyer, history);
        creator.alsoStore = Map.copyOf(userdata);
        int domid = creator.create(config, build);
        if (!paused) {
            unpauseOrTearDown(domid, build.uuid());
        }
        return domid;
    }

    /** {@link #create} for an HVM guest: {@link HvmBuild}, {@link HvmCreator}, qemu resumed before the unpause. */
    private int createHvm(DomainConfig config, boolean paused, Map<String, byte[]> userdata) {
        io.xlj.xen.PhysInfo phys = xc.physInfo();
        HvmBuild build = HvmBuild.of(config, phys.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_gnttab_v2),
                phys.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_hap),
                phys.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_shadow),
                phys.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_hvm));
        refuseTakenName(build.name());
        HvmCreator creator = new HvmCreator(xc, xs, this.userdata, destroyer, history);
        creator.alsoStore = Map.copyOf(userdata);
        int domid = creator.create(config, build);
        if (!paused) {
            try {
                CreateFaults.enter("libxl__domain_resume_device_model", domid);
                DeviceModel.resume(domid);
            } catch (RuntimeException e) {
                ToolstackException failure = new ToolstackException("libxl__domain_resume_device_model", domid,
                        "Failed to unpause device model for domain: " + e.getMessage(), e);
                try {
                    destroyer.tearDown(domid, build.uuid(), Optional.of(XsPaths.vm(build.uuid())));
                } catch (RuntimeException undo) {
                    failure.addSuppressed(undo);
                }
                throw failure;
            }
            unpauseOrTearDown(domid, build.uuid());
        }
        return domid;
    }

    /** libxl__domain_rename's check at create: a name is one domain's only. */
    private void refuseTakenName(String name) {
        if (domidOf(name).isPresent()) {
            throw new ToolstackException("libxl__domain_rename", null,
                    "Domain with name \"" + name + "\" already exists.");
        }
    }

    /** The last step of a create: a domain that cannot run is torn down, not left paused. */
    private void unpauseOrTearDown(int domid, UUID uuid) {
        try {
            CreateFaults.enter("xc_domain_unpause", domid);
            xc.unpauseDomain(domid);
        } catch (RuntimeException e) {
            ToolstackException failure = new ToolstackException("xc_domain_unpause", domid,
                    "unpausing domain " + domid + " failed: " + e.getMessage(), e);
            try {
                destroyer.tearDown(domid, uuid, Optional.of(XsPaths.vm(uuid)));
            } catch (RuntimeException undo) {
                failure.addSuppressed(undo);
            }
            throw failure;
        }
    }

    /** Stores a userdata blob for a domain (xl keeps the config text as userid "xl"). */
    public void storeUserdata(int domid, String userid, byte[] data) {
        UUID uuid = info(domid).uuid();
        userdata.locked(domid, uuid, () -> userdata.store(domid, uuid, userid, data));
    }

    /** libxl_domain_destroy. */
    public void destroy(int domid) {
        destroyer.destroy(domid);
    }

    /** Where xl's monitor writes a domain's core for on_*="coredump-destroy|restart" (XEN_DUMP_DIR). */
    public static final Path DUMP_DIR = Path.of("/var/lib/xen/dump");

    /**
     * libxl_cdrom_insert: {@code medium} (a cdrom disk as xl parses it; an empty target ejects)
     * goes into the HVM guest's emulated drive of the same vdev.
     *
     * @throws LibxlError with libxl's lines: not HVM, no such cdrom, no backend for the
     *         medium, a file that will not open, QEMU's refusal
     */
    public void cdromInsert(int domid, DeviceDisk medium) {
        new CdromMedia(xs, userdata).insert(domid, info(domid).uuid(), medium);
    }

    /**
     * libxl_domain_core_dump: the domain's memory and vCPU state as an ELF core file.
     *
     * @throws LibxlError ERROR_FAIL with libxl's line when Xen or the file refuses
     */
    public void coreDump(int domid, Path file) {
        try {
            xc.dumpCore(domid, file.toString());
        } catch (XenCallException e) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorED(
                    "libxl_domain.c:603:libxl_domain_core_dump", domid, "Core dumping domain to " + file, e.errno())));
        }
    }

    /**
     * For a long-lived process (xljd): {@link #list} takes the domains' names from memory
     * while watches say they are unchanged, instead of a xenstored round trip per call (most
     * of list's time under emulation). The watches live on a xenstore connection of their own,
     * so that no other traffic sits between their events and the replies they are ordered with.
     * For what a name may lag behind, see {@link WatchedReads}; {@link #noteOwnChanges} makes
     * this process's own changes show at once.
     */
    public void cacheNames() {
        if (names == null) {
            names = new WatchedReads(XenstoreClient.open(), MAX_NAME_WATCHES);
        }
    }

    /**
     * Watches at most this many names. dom0 is exempt from xenstored's per-domain watch quota
     * (C xenstored's -W, 128 by default; oxenstored's quota-maxwatch), but a deprivileged toolstack would
     * share it with its other connections: domains beyond these are read on each call.
     */
    static final int MAX_NAME_WATCHES = 128;

    /**
     * This process has changed domains (created, destroyed, renamed, ...): the next
     * {@link #list} first waits for xenstored's events of those changes (one round trip), so
     * that it never shows a name from before a change it has acknowledged.
     */
    public void noteOwnChanges() {
        ownChanges.incrementAndGet();
    }

    /** libxl_list_domain with names (libxl_domid_to_name). */
    public List<DomainSummary> list() {
        WatchedReads cache = names;
        if (cache == null) {
            return list(xc, xs);
        }
        return list(xc, paths -> {
            // Not a flag that the first list clears: a second list must not pass while the
            // first one's sync is still under way.
            long changes = ownChanges.get();
            if (changes != synced.get()) {
                cache.sync();
                synced.accumulateAndGet(changes, Math::max);
            }
            List<String> read = cache.read(paths);
            cache.retainOnly(paths);
            return read;
        });
    }

    static List<DomainSummary> list(XenCtrl xc, XenstoreClient xs) {
        return list(xc, paths -> {
            // libxl reads the names one round trip at a time; one pipelined batch answers them all.
            Batch batch = xs.batch();
            List<CompletableFuture<byte[]>> replies = new ArrayList<>(paths.size());
            for (String path : paths) {
                replies.add(batch.read(path));
            }
            try {
                batch.sendAndWait();
            } catch (XenstoreException e) {
                // Each future holds its own outcome: a missing name is a domain being built or torn down.
            }
            List<String> read = new ArrayList<>(paths.size());
            for (CompletableFuture<byte[]> r : replies) {
                read.add(Batch.value(r).orElse(null));
            }
            return read;
        });
    }

    /**
     * Every domain with its name, the names' nodes (/local/domain/N/name, in domid order)
     * answered by {@code readNames} (null: no such node); their times at DEBUG.
     */
    private static List<DomainSummary> list(XenCtrl xc, Function<List<String>, List<String>> readNames) {
        boolean timed = LOG.isDebugEnabled();
        long start = timed ? System.nanoTime() : 0;
        List<DomainInfo> infos = xc.listDomains();
        long listed = timed ? System.nanoTime() : 0;
        List<String> paths = new ArrayList<>(infos.size());
        for (DomainInfo i : infos) {
            paths.add(XsPaths.dom(i.domid()) + "/name");
        }
        List<String> read = readNames.apply(paths);
        List<DomainSummary> out = new ArrayList<>(infos.size());
        for (int k = 0; k < infos.size(); k++) {
            out.add(new DomainSummary(infos.get(k), read.get(k)));
        }
        if (timed) {
            LOG.debug("list of {} domains: xc_domain_getinfolist {} us, names {} us", infos.size(),
                    (listed - start) / 1000, (System.nanoTime() - listed) / 1000);
        }
        return out;
    }

    /** libxl_domain_info. */
    public DomainInfo info(int domid) {
        return xc.domainInfo(domid).orElseThrow(() -> new DomainNotFoundException(domid));
    }

    public Optional<DomainInfo> infoIfExists(int domid) {
        return xc.domainInfo(domid);
    }

    /** libxl_domid_to_name: /local/domain/N/name. */
    public Optional<String> name(int domid) {
        return xs.readOptional(XsPaths.dom(domid) + "/name");
    }

    /** libxl_name_to_domid: the first listed domain with this name. */
    public OptionalInt domidOf(String name) {
        return domidOf(xc, xs, name);
    }

    static OptionalInt domidOf(XenCtrl xc, XenstoreClient xs, String name) {
        for (DomainSummary d : list(xc, xs)) {
            if (name.equals(d.name())) {
                return OptionalInt.of(d.info().domid());
            }
        }
        return OptionalInt.empty();
    }

    /** libxl_domain_pause. @throws LibxlError as libxl fails */
    public void pause(int domid) {
        new DomainLifecycle(xc, xs).pause(domid);
    }

    /** libxl_domain_unpause. @throws LibxlError as libxl fails */
    public void unpause(int domid) {
        new DomainLifecycle(xc, xs).unpause(domid);
    }

    /**
     * libxl_domain_shutdown: asks the guest to power off through {@code control/shutdown}
     * and returns once it has acknowledged (at most 60 s, as libxl).
     *
     * @throws LibxlError ERROR_NOPARAVIRT for an HVM guest without PV drivers, ERROR_TIMEDOUT, ...
     */
    public void shutdown(int domid) {
        new DomainLifecycle(xc, xs).pvControl(domid, "poweroff", DomainLifecycle.PVCONTROL_ACK_TIMEOUT);
    }

    /** libxl_domain_reboot: as {@link #shutdown} with "reboot". */
    public void reboot(int domid) {
        new DomainLifecycle(xc, xs).pvControl(domid, "reboot", DomainLifecycle.PVCONTROL_ACK_TIMEOUT);
    }

    /**
     * Waits (on {@code @releaseDomain}) until each domain has died, or shut down when
     * {@code shutdownCounts}; {@code log} gets xl's lines ("Domain 5 has been shut down,
     * reason code 0").
     */
    public void awaitDeaths(List<Integer> domids, boolean shutdownCounts, java.util.function.Consumer<String> log)
            throws InterruptedException {
        new DomainDeathWatch(xc, xs).await(domids, shutdownCounts, log);
    }

    /** libxl_domain_rename; {@code oldName} null skips libxl's check of the current name. */
    public void rename(int domid, String oldName, String newName) {
        new DomainLifecycle(xc, xs).rename(domid, oldName, newName, this);
    }

    /** libxl_vm_get_start_time: seconds since the epoch. @throws LibxlError when unknown */
    public long startTime(int domid) {
        return new DomainLifecycle(xc, xs).startTime(domid);
    }

    /** libxl_retrieve_domain_configuration, as JSON. @throws LibxlError as libxl fails */
    public com.fasterxml.jackson.databind.JsonNode retrieveConfig(int domid) {
        return new DomainConfigRetriever(xc, xs, userdata).retrieve(domid);
    }

    /** libxl_domain_setmaxmem. @throws LibxlError as libxl fails */
    public void setMaxMem(int domid, long maxKb) {
        new DomainMemory(xc, xs, userdata).setMax(domid, maxKb);
    }

    /** libxl_set_memory_target(domid, targetKb, relative=0, enforce=1). @throws LibxlError as libxl fails */
    public void setMemoryTarget(int domid, long targetKb) {
        new DomainMemory(xc, xs, userdata).setTarget(domid, targetKb);
    }

    /** libxl_list_vcpu: empty when the domain does not exist. @throws LibxlError as libxl fails */
    public Optional<List<VcpuState>> vcpus(int domid) {
        return new DomainVcpus(xc, xs).list(domid);
    }

    /** libxl_set_vcpuonline with vCPUs 0..count-1 (PV). @throws LibxlError as libxl fails */
    public void setVcpusOnline(int domid, int count) {
        new DomainVcpus(xc, xs).setOnline(domid, count);
    }

    /**
     * libxl_set_vcpuaffinity: hard and/or soft affinity (null leaves it) of one vCPU.
     *
     * @throws LibxlError with libxl's log line when Xen refuses
     */
    public void setVcpuAffinity(int domid, int vcpu, java.util.BitSet hard, java.util.BitSet soft) {
        try {
            xc.setVcpuAffinity(domid, vcpu, hard, soft);
        } catch (XenCallException e) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorED("libxl_sched.c:62:libxl__set_vcpuaffinity",
                    domid, "Setting vcpu affinity", e.errno())));
        }
    }

    /** The scheduler of the domains (the host's default cpupool), as libxl names it. */
    public String schedulerName() {
        return new DomainSched(xc).schedulerName();
    }

    /** Weight and cap under credit or credit2. @throws LibxlError as libxl fails */
    public io.xlj.xen.SchedParams schedParams(int domid, boolean credit2) {
        return new DomainSched(xc).get(domid, credit2);
    }

    /** libxl_domain_sched_params_set for credit/credit2; null leaves a value. @throws LibxlError as libxl fails */
    public void setSchedParams(int domid, boolean credit2, Integer weight, Integer cap) {
        new DomainSched(xc).set(domid, credit2, weight, cap);
    }

    /**
     * libxl_send_trigger for the ACPI power button ({@code "power"}) or reset
     * ({@code "reset"}) of an HVM guest, vCPU 0, as xl shutdown/reboot -F use it.
     *
     * @throws LibxlError with libxl's log line when Xen refuses
     */
    public void sendTrigger(int domid, String trigger) {
        int code = switch (trigger) {
            case "power" -> 3; // XEN_DOMCTL_SENDTRIGGER_POWER
            case "reset" -> 1; // XEN_DOMCTL_SENDTRIGGER_RESET
            default -> throw new IllegalArgumentException("trigger " + trigger);
        };
        int errno = new XenHostQueries(xc).sendTrigger(domid, code, 0);
        if (errno != 0) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorED("libxl_domain.c:2207:libxl_send_trigger",
                    domid, "Send trigger '" + trigger + "' failed", errno)));
        }
    }

    /** Everything xl info prints about the host and the hypervisor. */
    public HostReport hostReport() {
        XenHostQueries x = new XenHostQueries(xc);
        return new HostReport(xc.physInfo(), xc.versionInfo(), x.pageSize(), x.virtStart(), x.buildId(),
                x.sharingFreedPages(), x.sharingUsedFrames(), x.freeCpus(), schedulerName());
    }

    @Override
    public void close() {
        if (!owner) {
            return;
        }
        try {
            WatchedReads cache = names;
            if (cache != null) {
                cache.close();
                cache.client().close();
            }
            xs.close();
        } finally {
            xc.close();
        }
    }
}
