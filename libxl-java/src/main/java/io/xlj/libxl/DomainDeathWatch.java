package io.xlj.libxl;

import io.xlj.xen.DomainInfo;
import io.xlj.xen.XenCtrl;
import io.xlj.xenstore.WatchQueue;
import io.xlj.xenstore.XenstoreClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * libxl_evenable_domain_death as xl's {@code shutdown -w} uses it: one watch on
 * {@code @releaseDomain} (xenstored fires it when a domain shuts down or dies, and once when
 * the watch is set), and on every event the hypervisor's view of each awaited domain:
 * gone or dying is a death, the shutdown flag (reported once) a shutdown.
 */
final class DomainDeathWatch {

    private final XenCtrl xc;
    private final XenstoreClient xs;

    DomainDeathWatch(XenCtrl xc, XenstoreClient xs) {
        this.xc = xc;
        this.xs = xs;
    }

    /**
     * Waits until every domain in {@code domids} has died, or (when {@code shutdownCounts})
     * shut down; reports each event to {@code log} in xl's words.
     */
    void await(List<Integer> domids, boolean shutdownCounts, Consumer<String> log) throws InterruptedException {
        Map<Integer, Boolean> pending = new LinkedHashMap<>();
        for (int d : domids) {
            pending.put(d, false);
        }
        try (WatchQueue watch = xs.watchQueue("@releaseDomain")) {
            while (!pending.isEmpty()) {
                watch.take();
                for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                    var e = it.next();
                    int domid = e.getKey();
                    Optional<DomainInfo> info = xc.domainInfo(domid);
                    if (info.isEmpty() || info.get().dying()) {
                        log.accept("Domain " + domid + " has been destroyed");
                        it.remove();
                    } else if (!e.getValue() && info.get().shutdown()) {
                        e.setValue(true);
                        log.accept("Domain " + domid + " has been shut down, reason code "
                                + info.get().shutdownReason());
                        if (shutdownCounts) {
                            it.remove();
                        } else {
                            log.accept("Domain " + domid + " continue waiting for death");
                        }
                    }
                }
            }
        }
    }
}
