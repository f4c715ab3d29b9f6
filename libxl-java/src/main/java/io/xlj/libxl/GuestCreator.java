package io.xlj.libxl;

import io.xlj.config.model.DomainConfig;
import io.xlj.libxl.device.BackendState;
import io.xlj.xen.CreateDomainRequest;
import io.xlj.xen.XenCtrl;
import io.xlj.xenstore.XenstoreClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    final XenCtrl xc;
    final XenstoreClient xs;
    final Userdata userdata;
    final DomainDestroyer destroyer;
    private final DomidHistory history;

    String step = "start";
    private long stepStarted = System.nanoTime();

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
            return domid;
        } catch (RuntimeException | Error e) {
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

    /** A /tool/NAME/domid value read as libxl does (atoi; absent: dom0). */
    int toolDomid(String path) {
        Optional<String> v = xs.readOptional(path);
        if (v.isEmpty()) {
            return 0;
        }
        String s = v.get().trim();
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
