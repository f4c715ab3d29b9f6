package io.xlj.cli;

import io.xlj.config.GlobalConfig;
import io.xlj.config.model.DomainConfig;
import io.xlj.config.xlparse.HostInfo;
import io.xlj.config.xlparse.XlExit;
import io.xlj.config.xlparse.XlParse;
import io.xlj.libxl.DomainNotFoundException;
import io.xlj.libxl.DomainSummary;
import io.xlj.libxl.Toolstack;
import io.xlj.libxl.ToolstackException;
import io.xlj.libxl.monitor.CreationMarkers;
import io.xlj.libxl.monitor.DomainMonitor;
import io.xlj.libxl.monitor.MonitorLock;
import io.xlj.libxl.monitor.StoredConfig;
import io.xlj.libxl.monitor.XlMonitors;
import io.xlj.rpc.DomainEntry;
import io.xlj.rpc.DomainEvent;
import io.xlj.rpc.DomainService;
import io.xlj.rpc.DomainServiceException;
import io.xlj.xen.DomainInfo;
import io.xlj.xen.PhysInfo;
import io.xlj.xen.XenCallException;
import io.xlj.xenstore.XenstoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * xljd's real backend: the daemon's methods over {@link Toolstack} on this dom0, and the
 * {@link DomainMonitor} that carries out every domain's shutdown actions.
 *
 * <p>A create parses the config text as {@code xl create} does (xl.conf, then XlParse), marks
 * itself in xenstore until it has finished ({@link CreationMarkers}: a daemon killed in the
 * middle cleans up at its next start), builds the domain with libxl's userdata
 * ({@code libxl-json}) and keeps the config text as userdata {@value StoredConfig#XLJ_CONFIG},
 * from which the monitor restarts the domain. Errors carry xl's words.
 */
public final class ToolstackDomainService implements DomainService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ToolstackDomainService.class);
    private static final String XLJ_VERSION = "0.1.0";

    /** Held for the daemon's life; null in tests that build their own. */
    @SuppressWarnings("unused")
    private final MonitorLock hostLock;
    private final Toolstack ts;
    private final GlobalConfig global;
    private final CreationMarkers markers;
    private final DomainMonitor monitor;
    private final ConcurrentHashMap<Integer, ReentrantLock> locks = new ConcurrentHashMap<>();
    private volatile DomainEventListener listener = e -> { };

    /**
     * The daemon's constructor: the host's one monitor ({@link MonitorLock}), this dom0's
     * toolstack, /etc/xen/xl.conf, the monitor started.
     */
    public ToolstackDomainService() {
        this(hostLock(), Toolstack.open(), loadGlobalConfig());
        ts.cacheNames();
        List<Integer> reaped = markers.reap(ts);
        if (!reaped.isEmpty()) {
            LOG.warn("destroyed {} domain(s) whose create had not finished when xljd stopped: {}", reaped.size(), reaped);
        }
        monitor.start();
    }

    ToolstackDomainService(Toolstack ts, GlobalConfig global) {
        this(null, ts, global);
    }

    private ToolstackDomainService(MonitorLock hostLock, Toolstack ts, GlobalConfig global) {
        this.hostLock = hostLock;
        this.ts = ts;
        this.global = global;
        this.markers = new CreationMarkers(ts.xenstore());
        this.monitor = new DomainMonitor(ts, this::emit, this::recreate, this::withDomain, XlMonitors.host());
    }

    private static MonitorLock hostLock() {
        try {
            return MonitorLock.acquire(MonitorLock.PATH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take " + MonitorLock.PATH + ": " + e.getMessage(), e);
        }
    }

    private static GlobalConfig loadGlobalConfig() {
        Path p = Path.of(System.getProperty(Xl.GLOBAL_CONFIG_PROPERTY, GlobalConfig.PATH));
        byte[] data;
        try {
            data = Files.readAllBytes(p);
        } catch (IOException e) {
            data = new byte[0];
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            return GlobalConfig.parse(GlobalConfig.PATH, data, new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (GlobalConfig.Fatal f) {
            throw new IllegalStateException("cannot read " + p + ": " + err.toString(StandardCharsets.UTF_8).trim(), f);
        }
    }

    @Override
    public void setEventListener(DomainEventListener l) {
        listener = l;
    }

    @Override
    public void changed() {
        ts.noteOwnChanges();
    }

    private void emit(String type, int domid, String name, String reason) {
        // An event follows a change of ours (the monitor's restarts and renames among them):
        // a subscriber that lists after it must see that change.
        ts.noteOwnChanges();
        listener.onEvent(new DomainEvent(type, domid, name, reason));
    }

    /** One mutating operation per domain at a time, RPC methods and monitor actions alike. */
    private <T> T withDomain(int domid, Supplier<T> action) {
        ReentrantLock l = locks.computeIfAbsent(domid, d -> new ReentrantLock());
        l.lock();
        try {
            return action.get();
        } finally {
            l.unlock();
        }
    }

    @Override
    public List<DomainEntry> list() {
        List<DomainEntry> out = new ArrayList<>();
        for (DomainSummary d : ts.list()) {
            DomainInfo i = d.info();
            // xl list's own columns, as its rows show them.
            out.add(new DomainEntry(i.domid(), d.name() == null ? "(null)" : d.name(), ListCommand.memoryMb(i),
                    i.onlineVcpus(), ListCommand.state(i), ListCommand.secondsValue(i)));
        }
        return out;
    }

    @Override
    public io.xlj.rpc.HostInfo info() {
        PhysInfo p = ts.xenCtrl().physInfo();
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return new io.xlj.rpc.HostInfo(XLJ_VERSION, ts.xenCtrl().versionInfo().version(), host, p.totalMemoryMb(),
                p.freeMemoryMb(), p.nrCpus());
    }

    @Override
    public int create(String configText, String fileName, boolean paused) {
        DomainConfig config = parse(fileName, configText);
        int domid = build(config, configText, paused);
        emit("created", domid, config.cInfo().name(), null);
        if (paused) {
            emit("paused", domid, config.cInfo().name(), null);
        }
        return domid;
    }

    /** For the monitor: the same config under the same name and uuid (xl's restart), unpaused. */
    private int recreate(String configText, String name, UUID uuid) {
        if (name.matches(".*[\"\\\\\\n].*")) {
            throw new IllegalArgumentException("cannot restart a domain whose name has quotes, backslashes or newlines: " + name);
        }
        // xl's own way of overriding settings: KEY=VALUE lines after the file's text.
        String text = configText + "\nname=\"" + name + "\"\nuuid=\"" + uuid + "\"\n";
        DomainConfig config = parse("<restart of " + name + ">", text);
        return build(config, configText, false);
    }

    private int build(DomainConfig config, String configText, boolean paused) {
        try {
            return buildForXl(null, config, configText, paused, true);
        } catch (ToolstackException e) {
            throw failed(e);
        } catch (RuntimeException e) {
            throw new DomainServiceException("creating " + config.cInfo().name() + " failed: " + e.getMessage(),
                    0, null, e);
        }
    }

    /** How {@code xl create} run inside the daemon builds and follows its domain. */
    DomainBuilder xlBuilder() {
        return new DomainBuilder() {
            @Override
            public int build(XlContext ctx, DomainConfig config, String configText, boolean paused,
                             boolean monitored) throws ToolstackException {
                return buildForXl(ctx, config, configText, paused, monitored);
            }

            @Override
            public boolean follows() {
                return true;
            }

            @Override
            public Toolstack sharedToolstack() {
                return ts.borrowed();
            }

            @Override
            public int waitForDeath(XlContext ctx, int domid, String name) {
                return follow(ctx, domid, name);
            }
        };
    }

    /**
     * xl create -F: the monitor's lines for the domain on the command's stderr until it ends.
     * The command's thread waits meanwhile, also when its client has gone away (as xl's
     * monitor stays when its terminal goes): it ends with the domain.
     */
    private int follow(XlContext ctx, int domid, String name) {
        CompletableFuture<Integer> ended = new CompletableFuture<>();
        String waiting = "Waiting for domain " + name + " (domid %d) to die [pid " + ctx.caller().pid() + "]\n";
        ctx.err().printf(waiting, domid);
        DomainMonitor.Follower follower = new DomainMonitor.Follower() {
            @Override
            public void line(String line) {
                ctx.err().print(line + "\n");
            }

            @Override
            public void restarted(int newDomid) {
                ctx.err().printf(waiting, newDomid);
            }

            @Override
            public void ended(int status) {
                ended.complete(status);
            }
        };
        monitor.follow(domid, follower);
        try {
            return ended.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            monitor.unfollow(follower);
        }
    }

    /**
     * {@code xl create} run inside the daemon ({@link DomainBuilder}): the daemon's own build,
     * with libxl's error lines left to the command; emits "created" (and "paused").
     */
    int buildForXl(XlContext ctx, DomainConfig config, String configText, boolean paused, boolean monitored)
            throws ToolstackException {
        UUID uuid = UUID.fromString(config.cInfo().uuid());
        markers.mark(uuid, config.cInfo().name());
        LOG.debug("{}: creation mark set", config.cInfo().name());
        int domid;
        try {
            // The config text for restarts goes with libxl's stored config, under its userdata
            // lock, as libxl_userdata_store writes xl's own copy.
            domid = ts.create(config, paused,
                    Map.of(StoredConfig.XLJ_CONFIG, configText.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (RuntimeException e) {
            markers.clear(uuid);
            throw e;
        }
        LOG.debug("domain {}: built, config text kept", domid);
        if (!monitored) {
            // xl create -e: no monitor process, so nobody acts on its shutdown. The daemon's
            // monitor, which watches every domain, is told so as for a shutdown it has handled.
            monitor.leaveAlone(domid, "not monitored (xl create -e)");
        }
        monitor.adopt(domid, config.cInfo().name());
        markers.clear(uuid);
        LOG.debug("domain {}: adopted, creation mark cleared", domid);
        if (ctx != null) {
            emit("created", domid, config.cInfo().name(), null);
            if (paused) {
                emit("paused", domid, config.cInfo().name(), null);
            }
        }
        return domid;
    }

    /** xl create's parse: its messages (what xl prints on stderr) become the error. */
    private DomainConfig parse(String source, String text) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
        try {
            return new XlParse(global, HostInfo.current(), ps).parse(source, text, true);
        } catch (XlExit e) {
            String msg = err.toString(StandardCharsets.UTF_8).trim();
            throw new DomainServiceException(msg.isEmpty() ? "Failed to parse config: Invalid argument" : msg,
                    io.xlj.config.Errno.EINVAL, "EINVAL");
        }
    }

    private static DomainServiceException failed(ToolstackException e) {
        String lines = String.join("\n", LibxlErrorLines.of(e));
        int errno = 0;
        String errnoName = null;
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof XenCallException x) {
                errno = x.errno();
                errnoName = x.errnoName();
                break;
            }
        }
        return new DomainServiceException(lines, errno, errnoName, e);
    }

    @Override
    public void destroy(int domid) {
        withDomain(domid, () -> {
            try {
                ts.destroy(domid);
            } catch (DomainNotFoundException e) {
                throw new DomainServiceException("destroy failed (rc=-6)", io.xlj.config.Errno.ESRCH, "ESRCH", e);
            } catch (ToolstackException | XenCallException | XenstoreException e) {
                throw new DomainServiceException("destroy failed (rc=-3): " + e.getMessage(), errnoOf(e),
                        errnoNameOf(e), e);
            }
            return null;
        });
        // "destroyed" comes from the monitor, which sees every domain go, whoever destroyed it.
    }

    @Override
    public void pause(int domid) {
        withDomain(domid, () -> {
            call("libxl_domain_pause", domid, () -> ts.xenCtrl().pauseDomain(domid));
            return null;
        });
        emit("paused", domid, domname(domid).orElse(null), null);
    }

    @Override
    public void unpause(int domid) {
        withDomain(domid, () -> {
            call("libxl_domain_unpause", domid, () -> ts.xenCtrl().unpauseDomain(domid));
            return null;
        });
        emit("unpaused", domid, domname(domid).orElse(null), null);
    }

    @Override
    public void shutdown(int domid) {
        pvControl(domid, "poweroff", "shutdown", "ACPI power event");
    }

    @Override
    public void reboot(int domid) {
        pvControl(domid, "reboot", "reboot", "ACPI reset event");
    }

    /**
     * libxl__domain_pvcontrol: write the request to the guest's control/shutdown node; the
     * guest acts on it and Xen reports the shutdown, which the monitor then handles. PV
     * guests always have the interface; HVM guests only with PV drivers (the callback IRQ
     * set). xl's words when it is missing.
     */
    private void pvControl(int domid, String cmd, String verb, String fallback) {
        withDomain(domid, () -> {
            DomainInfo info = ts.infoIfExists(domid).orElseThrow(() ->
                    new DomainServiceException(verb + " failed (rc=-6)", io.xlj.config.Errno.ESRCH, "ESRCH"));
            if (info.hvm() && ts.xenCtrl().hvmParam(domid, HVM_PARAM_CALLBACK_IRQ) == 0) {
                throw new DomainServiceException("PV control interface not available: external graceful " + verb
                        + " not possible.\nUse \"-F\" to fallback to " + fallback + ".", 0, null);
            }
            try {
                ts.xenstore().write("/local/domain/" + domid + "/control/shutdown", cmd);
            } catch (XenstoreException e) {
                throw new DomainServiceException(verb + " failed (rc=-3): " + e.getMessage(), 0, null, e);
            }
            return null;
        });
    }

    /** HVM_PARAM_CALLBACK_IRQ (xen/include/public/hvm/params.h). */
    private static final int HVM_PARAM_CALLBACK_IRQ = 0;

    private static void call(String what, int domid, Runnable r) {
        try {
            r.run();
        } catch (XenCallException e) {
            throw new DomainServiceException("libxl: error: " + what + " of domain " + domid + " failed: "
                    + e.getMessage(), e.errno(), e.errnoName(), e);
        }
    }

    private static int errnoOf(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof XenCallException x) {
                return x.errno();
            }
        }
        return 0;
    }

    private static String errnoNameOf(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof XenCallException x) {
                return x.errnoName();
            }
        }
        return null;
    }

    @Override
    public OptionalInt domid(String name) {
        return ts.domidOf(name);
    }

    @Override
    public Optional<String> domname(int domid) {
        if (ts.infoIfExists(domid).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ts.name(domid).orElse("(null)"));
    }

    @Override
    public void close() {
        monitor.close();
        ts.close();
    }
}
