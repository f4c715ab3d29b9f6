package io.xlj.libxl.monitor;

import io.xlj.config.model.ActionOnShutdown;
import io.xlj.libxl.LibxlError;
import io.xlj.libxl.Toolstack;
import io.xlj.xen.DomainInfo;
import io.xlj.xenstore.Permission;
import io.xlj.xenstore.Watch;
import io.xlj.xenstore.XenstoreException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * xljd's one monitor for every domain of the host, in place of xl's per-domain monitor
 * processes: it watches {@code @releaseDomain} (xenstored fires it when a domain shuts down
 * or dies), finds which domains changed as libxl's domain_death_xswatch_callback does, and
 * for a shutdown carries out the domain's {@code on_poweroff}/{@code on_reboot}/
 * {@code on_crash}/{@code on_watchdog} action from its stored d_config, as xl's
 * handle_domain_death does: destroy, restart (destroy, then create again from the stored
 * config with the same name and uuid — without xl's 2 s sleep), rename-restart (the old
 * domain is kept under {@code NAME-YYYYMMDDTHHMMZ} with a new uuid, as
 * libxl_domain_preserve does) or preserve.
 *
 * <p>It keeps no state of its own that matters: what a domain is and what to do with it
 * lives in xenstore and the userdata files. Started again after a crash or kill -9, it
 * adopts every running domain (xlj's and Xen's xl's) in its first scan and acts on those
 * that shut down meanwhile. A domain it has left shut down on purpose (preserve, or an
 * action it cannot carry out) is marked {@code /libxl/N/xlj-shutdown-handled} so that the
 * next daemon does not act on it again. Domains with a live Xen xl monitor process are
 * left to it ({@link XlMonitors}).
 */
public final class DomainMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DomainMonitor.class);

    /** Under /libxl/N: the shutdown of this domain has been dealt with (value: the reason). */
    public static final String HANDLED = "xlj-shutdown-handled";

    /** What libxl_domain_preserve (xl's preserve_domain) appends to a kept domain's name. */
    private static final java.util.regex.Pattern PRESERVED_NAME = java.util.regex.Pattern.compile("-\\d{8}T\\d{4}Z$");

    private static final DateTimeFormatter PRESERVE_SUFFIX = DateTimeFormatter.ofPattern("'-'yyyyMMdd'T'HHmm'Z'");

    /** Receives lifecycle events; must return promptly. */
    @FunctionalInterface
    public interface Listener {
        void onEvent(String type, int domid, String name, String reason);
    }

    /**
     * Someone in the foreground waiting for a domain to die, as xl create -F waits in its own
     * monitor loop: receives the lines xl's monitor writes for the domain, in xl's words.
     * Its methods must return promptly.
     */
    public interface Follower {

        /** One of xl's monitor lines (create_domain and handle_domain_death), without a newline. */
        void line(String line);

        /** The domain was restarted as {@code newDomid} (after "Done. Rebooting now"): it is followed on. */
        void restarted(int newDomid);

        /** Nothing more to follow (the domain is gone or left shut down); 0, or 1 when an action failed. */
        void ended(int status);
    }

    /** Creates a domain again from xl config text with this name and uuid, unpaused; returns its domid. */
    @FunctionalInterface
    public interface Recreator {
        int recreate(String configText, String name, UUID uuid);
    }

    /** Runs an action exclusive of the daemon's other operations on the same domain. */
    @FunctionalInterface
    public interface DomainLock {
        <T> T withDomain(int domid, Supplier<T> action);
    }

    private static final class Tracked {
        volatile String name;
        volatile boolean shutdownSeen;

        Tracked(String name) {
            this.name = name;
        }
    }

    private final Toolstack ts;
    private final Listener listener;
    private final Recreator recreator;
    private final DomainLock lock;
    private final XlMonitors xlMonitors;
    private final Map<Integer, Tracked> tracked = new ConcurrentHashMap<>();
    private final Map<Integer, Follower> followers = new ConcurrentHashMap<>();
    private final AtomicBoolean scanPending = new AtomicBoolean();
    private final ExecutorService scanner = Executors.newSingleThreadExecutor(r -> daemon(r, "xljd-monitor"));
    private final AtomicInteger actionThreads = new AtomicInteger();
    private final ExecutorService actions = Executors.newCachedThreadPool(
            r -> daemon(r, "xljd-action-" + actionThreads.incrementAndGet()));
    private volatile Watch watch;

    public DomainMonitor(Toolstack ts, Listener listener, Recreator recreator, DomainLock lock, XlMonitors xlMonitors) {
        this.ts = ts;
        this.listener = listener;
        this.recreator = recreator;
        this.lock = lock;
        this.xlMonitors = xlMonitors;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Watches @releaseDomain; its first event (sent on registration) adopts every domain. */
    public void start() {
        watch = ts.xenstore().watch("@releaseDomain", e -> requestScan());
        requestScan();
    }

    /** Tracks a domain the daemon has just created, so that its end is reported. */
    public void adopt(int domid, String name) {
        tracked.putIfAbsent(domid, new Tracked(name));
    }

    /**
     * xl create -F: {@code follower} gets xl's monitor lines for the domain until it is gone or
     * left shut down, following it across restarts. A domain that is already gone ends at once.
     */
    public void follow(int domid, Follower follower) {
        followers.put(domid, follower);
        if (ts.infoIfExists(domid).map(DomainInfo::dying).orElse(true)) {
            say(domid, "Domain " + domid + " has been destroyed.");
            end(domid, 0);
        }
    }

    /** Stops delivering to {@code follower} (its caller has gone). */
    public void unfollow(Follower follower) {
        followers.values().removeIf(f -> f == follower);
    }

    /** A line of xl's monitor for the domain's follower, if it has one. */
    private void say(int domid, String line) {
        tell(followers.get(domid), line);
    }

    /** The follower of the domain, if any, is done. */
    private void end(int domid, int status) {
        finish(followers.remove(domid), status);
    }

    /** "Done. Exiting now": xl's monitor ends when a shutdown needs no restart. */
    private void exitNow(int domid) {
        say(domid, "Done. Exiting now");
        end(domid, 0);
    }

    /** The domains being tracked (for tests and logs). */
    public Set<Integer> trackedDomids() {
        return Set.copyOf(tracked.keySet());
    }

    /** Events come in bursts: one scan runs at a time and one more is queued at most. */
    void requestScan() {
        if (scanPending.compareAndSet(false, true)) {
            try {
                scanner.execute(() -> {
                    scanPending.set(false);
                    scan();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scanPending.set(false);
            }
        }
    }

    private void scan() {
        List<DomainInfo> infos;
        try {
            infos = ts.xenCtrl().listDomains();
        } catch (RuntimeException e) {
            LOG.error("cannot list domains after @releaseDomain: {}", e.getMessage());
            return;
        }
        Set<Integer> present = new HashSet<>();
        for (DomainInfo i : infos) {
            int domid = i.domid();
            if (domid == 0 || i.dying()) {
                continue;
            }
            present.add(domid);
            Tracked t = tracked.computeIfAbsent(domid, d -> {
                String name = nameOf(d).orElse(null);
                LOG.debug("watching domain {} ({})", d, name);
                return new Tracked(name);
            });
            if (!i.shutdown()) {
                t.shutdownSeen = false;
                continue;
            }
            if (t.shutdownSeen) {
                continue;
            }
            t.shutdownSeen = true;
            actions.execute(() -> onShutdown(i, t));
        }
        for (Integer domid : tracked.keySet()) {
            if (!present.contains(domid)) {
                Tracked t = tracked.remove(domid);
                if (t != null) {
                    LOG.info("Domain {} ({}) has been destroyed.", domid, t.name);
                    say(domid, "Domain " + domid + " has been destroyed.");
                    end(domid, 0);
                    emit("destroyed", domid, t.name, null);
                }
            }
        }
    }

    private void onShutdown(DomainInfo info, Tracked t) {
        int domid = info.domid();
        String name = nameOf(domid).orElse(t.name);
        t.name = name;
        Optional<ShutdownReason> reason = ShutdownReason.ofCode(info.shutdownReason());
        String reasonName = reason.map(ShutdownReason::libxlName).orElse("unknown");
        LOG.info("Domain {} ({}) has shut down, reason code {} ({})", domid, name, info.shutdownReason(), reasonName);
        say(domid, String.format("Domain %d has shut down, reason code %d 0x%x", domid, info.shutdownReason(),
                info.shutdownReason()));
        emit("shutdown", domid, name, reasonName);
        if (reason.equals(Optional.of(ShutdownReason.CRASH))) {
            emit("crashed", domid, name, reasonName);
        }
        // First of all, and before waiting for any lock: Xen's xl monitor acts within
        // moments and exits when done; later we could no longer tell who is acting.
        if (name != null) {
            OptionalLong xl = xlMonitors.monitorOf(name);
            if (xl.isPresent()) {
                LOG.info("domain {} ({}) is watched by Xen's xl monitor (pid {}): its shutdown action is left to it",
                        domid, name, xl.getAsLong());
                return;
            }
        }
        try {
            lock.withDomain(domid, () -> {
                act(domid, info.uuid(), name, reason);
                return null;
            });
        } catch (RuntimeException | Error e) {
            // An Error too (a native symbol missing, say): a follower must not wait for ever.
            LOG.error("domain {} ({}): carrying out its shutdown action failed: {}", domid, name, e.getMessage(), e);
            say(domid, "xlj: carrying out the shutdown action of domain " + domid + " failed: " + e.getMessage());
            end(domid, 1);
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    private void act(int domid, UUID uuid, String name, Optional<ShutdownReason> reason) {
        if (reason.equals(Optional.of(ShutdownReason.SUSPEND))) {
            LOG.info("Domain {} ({}) has suspended.", domid, name);
            say(domid, "Domain has suspended.");
            exitNow(domid);
            return;
        }
        // Another operation (an RPC destroy, xl) may have come first while we waited for the lock.
        Optional<DomainInfo> now = ts.infoIfExists(domid);
        if (now.isEmpty() || now.get().dying() || !now.get().shutdown() || !now.get().uuid().equals(uuid)) {
            LOG.info("domain {} ({}) is gone or running again: nothing to do", domid, name);
            return;
        }
        if (readOptional("/local/domain/" + domid + "/name").isEmpty() && isGone(domid, uuid)) {
            LOG.info("domain {} ({}) is gone or being destroyed by another toolstack: nothing to do", domid, name);
            return;
        }
        Optional<String> handled = readOptional(handledPath(domid));
        if (handled.isPresent()) {
            LOG.info("domain {} ({}): its shutdown ({}) was dealt with before; leaving it", domid, name, handled.get());
            exitNow(domid);
            return;
        }
        if (name != null && PRESERVED_NAME.matcher(name).find()) {
            // Kept by a rename-restart (xl's or ours) before this daemon started: its
            // on_reboot would rename and restart it once more.
            LOG.info("domain {} ({}) is a preserved domain: leaving it shut down", domid, name);
            markHandled(domid, "preserved");
            exitNow(domid);
            return;
        }
        Optional<StoredConfig> stored = StoredConfig.read(ts.userdata(), domid, uuid);
        if (stored.isEmpty() && isGone(domid, uuid)) {
            // Another toolstack destroyed it meanwhile (userdata first, the domain last).
            LOG.info("domain {} ({}) is gone or being destroyed by another toolstack: nothing to do", domid, name);
            return;
        }
        if (stored.isEmpty()) {
            LOG.warn("domain {} ({}) has no libxl-json userdata: its shutdown actions are unknown, leaving it shut down",
                    domid, name);
            markHandled(domid, "no-config");
            exitNow(domid);
            return;
        }
        ActionOnShutdown action = reason.map(r -> stored.get().action(r)).orElse(ActionOnShutdown.DESTROY);
        int code = now.get().shutdownReason();
        if (reason.isEmpty()) {
            say(domid, "Unknown shutdown reason code " + code + ". Destroying domain.");
        }
        LOG.info("Action for shutdown reason code {} of domain {} ({}) is {}", code, domid, name, action.libxlName());
        say(domid, "Action for shutdown reason code " + code + " is " + action.xlName());
        if (action == ActionOnShutdown.COREDUMP_DESTROY || action == ActionOnShutdown.COREDUMP_RESTART) {
            // xl names the file after the domain's config (c_info.name), as it was created
            dumpCore(domid, stored.get().name().orElse(name != null ? name : "domain-" + domid));
            action = action == ActionOnShutdown.COREDUMP_DESTROY ? ActionOnShutdown.DESTROY : ActionOnShutdown.RESTART;
        }
        switch (action) {
            case PRESERVE -> {
                markHandled(domid, action.libxlName());
                exitNow(domid);
            }
            case DESTROY -> {
                // The follower leaves the map first: the @releaseDomain scan that our own
                // destroy sets off must not tell it "has been destroyed" (xl's monitor does not).
                Follower f = followers.remove(domid);
                try {
                    destroyForAction(domid, f);
                } catch (RuntimeException | Error e) {
                    tell(f, "xlj: destroying domain " + domid + " failed: " + e.getMessage());
                    finish(f, 1);
                    throw e;
                }
                tell(f, "Done. Exiting now");
                finish(f, 0);
            }
            case RESTART -> restart(domid, uuid, name, stored.get(), false);
            case RESTART_RENAME -> restart(domid, uuid, name, stored.get(), true);
            // (The coredump actions became DESTROY or RESTART above.)
            case SOFT_RESET -> {
                LOG.error("domain {} ({}): on_{} action {} is not supported by xljd yet; the domain is left shut down"
                        + " (destroy it with xl destroy)", domid, name, reasonName(reason), action.libxlName());
                markHandled(domid, "unsupported " + action.libxlName());
                say(domid, "xlj: the action " + action.xlName() + " is not supported yet: domain " + domid
                        + " is left shut down");
                end(domid, 1);
            }
        }
    }

    /**
     * xl's handle_domain_death: the core goes to /var/lib/xen/dump/NAME before the destroy or
     * restart; a failed dump is said and the action goes on ("no point crying over spilled milk").
     */
    private void dumpCore(int domid, String name) {
        Path file = Toolstack.DUMP_DIR.resolve(name);
        LOG.info("domain {} ({}): dumping core to {}", domid, name, file);
        say(domid, "dumping core to " + file);
        try {
            ts.coreDump(domid, file);
        } catch (LibxlError e) {
            LOG.error("domain {} ({}): core dump to {} failed: {}", domid, name, file, e.getMessage());
            e.logLines().forEach(l -> say(domid, l));
            say(domid, "core dump failed (rc=" + e.rc() + ").");
        }
    }

    private static String reasonName(Optional<ShutdownReason> r) {
        return r.map(ShutdownReason::libxlName).orElse("unknown");
    }

    private void restart(int domid, UUID uuid, String name, StoredConfig stored, boolean rename) {
        if (stored.configText().isEmpty() || name == null) {
            LOG.error("cannot restart domain {} ({}): no config text is stored for it (userdata \"xl\" or \"{}\";"
                    + " it was not created by xljd); the domain is left shut down", domid, name, StoredConfig.XLJ_CONFIG);
            markHandled(domid, "no-config-text");
            say(domid, "xlj: cannot restart domain " + domid + ": no config text is stored for it");
            end(domid, 1);
            return;
        }
        // As for a destroy: the follower is ours to speak to until the new domain exists.
        Follower f = followers.remove(domid);
        int newDomid;
        try {
            if (rename) {
                preserve(domid, uuid, name, f);
            } else {
                destroyForAction(domid, f);
            }
            tell(f, "Done. Rebooting now");
            newDomid = recreator.recreate(stored.configText().get(), name, uuid);
        } catch (RuntimeException | Error e) {
            tell(f, "xlj: restarting domain " + domid + " failed: " + e.getMessage());
            finish(f, 1);
            throw e;
        }
        tracked.putIfAbsent(newDomid, new Tracked(name));
        LOG.info("Domain {} ({}) restarted as domain {}", domid, name, newDomid);
        if (f != null) {
            followers.put(newDomid, f);
            f.restarted(newDomid);
        }
        emit("created", newDomid, name, rename ? "restart_rename" : "restart");
    }

    /** libxl_domain_preserve: a new uuid and NAME-YYYYMMDDTHHMMZ for the old domain, which stays shut down. */
    private void preserve(int domid, UUID uuid, String name, Follower f) {
        String preserved = name + PRESERVE_SUFFIX.format(ZonedDateTime.now(ZoneOffset.UTC));
        UUID newUuid = UUID.randomUUID();
        if (ts.domidOf(preserved).isPresent()) {
            throw new IllegalStateException("Domain with name \"" + preserved + "\" already exists.");
        }
        LOG.info("Preserving domain {} {} with suffix{}", domid, name, preserved.substring(name.length()));
        tell(f, "Preserving domain " + domid + " " + name + " with suffix" + preserved.substring(name.length()));
        String dom = "/local/domain/" + domid;
        String vm = "/vm/" + newUuid;
        ts.xenstore().runInTransaction(t -> {
            try {
                t.rm(vm);
            } catch (XenstoreException e) {
                if (!e.isNoEntry()) {
                    throw e;
                }
            }
            t.mkdir(vm);
            t.setPermissions(vm, Permission.none(0), Permission.read(domid));
            t.write(dom + "/vm", vm);
            t.write(dom + "/name", preserved);
            t.write("/vm/" + uuid + "/name", preserved);
            t.write(vm + "/uuid", newUuid.toString());
            return null;
        });
        markHandled(domid, "restart_rename");
        Tracked t = tracked.get(domid);
        if (t != null) {
            t.name = preserved;
        }
    }

    private void destroyForAction(int domid, Follower f) {
        LOG.info("Domain {} needs to be cleaned up: destroying the domain", domid);
        tell(f, "Domain " + domid + " needs to be cleaned up: destroying the domain");
        ts.destroy(domid);
    }

    /** A line for a follower the monitor holds itself (taken out of the map while it acts), if any. */
    private static void tell(Follower f, String line) {
        if (f != null) {
            f.line(line);
        }
    }

    private static void finish(Follower f, int status) {
        if (f != null) {
            f.ended(status);
        }
    }

    /**
     * Whether another toolstack is tearing the domain down: libxl removes the xenstore
     * directories and userdata before the hypervisor's destroy, so a missing
     * /local/domain/N is the sign; give it a moment to reach the hypervisor.
     */
    private boolean isGone(int domid, UUID uuid) {
        for (int i = 0; i < 20; i++) {
            Optional<DomainInfo> now = ts.infoIfExists(domid);
            if (now.isEmpty() || now.get().dying() || !now.get().uuid().equals(uuid)) {
                return true;
            }
            if (readOptional("/local/domain/" + domid).isPresent()) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return readOptional("/local/domain/" + domid).isEmpty();
    }

    private static String handledPath(int domid) {
        return "/libxl/" + domid + "/" + HANDLED;
    }

    /**
     * Never act on this domain's shutdown (xl create -e: a domain without a monitor stays
     * shut down until someone destroys it); kept in xenstore, so a restarted daemon knows.
     */
    public void leaveAlone(int domid, String why) {
        markHandled(domid, why);
    }

    private void markHandled(int domid, String what) {
        try {
            // Only next to the domain's own /libxl/N: never bring back a node a destroy removed.
            ts.xenstore().runInTransaction(t -> {
                if (t.readOptional("/libxl/" + domid).isPresent()) {
                    t.write(handledPath(domid), what);
                }
                return null;
            });
        } catch (XenstoreException e) {
            LOG.warn("cannot write {}: {}", handledPath(domid), e.getMessage());
        }
    }

    private Optional<String> readOptional(String path) {
        try {
            return ts.xenstore().readOptional(path);
        } catch (XenstoreException e) {
            LOG.warn("cannot read {}: {}", path, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<String> nameOf(int domid) {
        try {
            return ts.name(domid);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void emit(String type, int domid, String name, String reason) {
        try {
            listener.onEvent(type, domid, name, reason);
        } catch (RuntimeException e) {
            LOG.warn("event listener failed on {} of domain {}: {}", type, domid, e.toString());
        }
    }

    @Override
    public void close() {
        Watch w = watch;
        if (w != null) {
            try {
                w.close();
            } catch (RuntimeException e) {
                LOG.debug("unwatch @releaseDomain: {}", e.getMessage());
            }
        }
        scanner.shutdownNow();
        actions.shutdownNow();
        try {
            scanner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
