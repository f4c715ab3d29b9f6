package io.xlj.libxl.monitor;

import io.xlj.libxl.Toolstack;
import io.xlj.xen.DomainInfo;
import io.xlj.xenstore.XenstoreClient;
import io.xlj.xenstore.XenstoreException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates in flight, kept in xenstore ({@code /xlj/creating/UUID = name}) so that they
 * outlive the daemon: a create rolls itself back when it fails, but not when the daemon is
 * killed (kill -9, OOM, power). At start, {@link #reap} destroys every domain whose create
 * was still marked (paused, half built or built but never answered) and drops the marks,
 * so that nothing of it is left: no domain, no xenstore node, no userdata file.
 */
public final class CreationMarkers {

    private static final Logger LOG = LoggerFactory.getLogger(CreationMarkers.class);

    static final String DIR = "/xlj/creating";

    private final XenstoreClient xs;

    public CreationMarkers(XenstoreClient xs) {
        this.xs = xs;
    }

    public void mark(UUID uuid, String name) {
        xs.write(DIR + "/" + uuid, name);
    }

    public void clear(UUID uuid) {
        try {
            xs.rm(DIR + "/" + uuid);
        } catch (XenstoreException e) {
            if (!e.isNoEntry()) {
                throw e;
            }
        }
    }

    /** Destroys the domains of unfinished creates and removes all marks; returns the domids destroyed. */
    public List<Integer> reap(Toolstack ts) {
        List<String> marks;
        try {
            marks = xs.directory(DIR);
        } catch (XenstoreException e) {
            if (e.isNoEntry()) {
                return List.of();
            }
            throw e;
        }
        List<Integer> destroyed = new java.util.ArrayList<>();
        for (String m : marks) {
            UUID uuid;
            try {
                uuid = UUID.fromString(m);
            } catch (IllegalArgumentException e) {
                clear(m);
                continue;
            }
            String name = xs.readOptional(DIR + "/" + m).orElse("?");
            for (DomainInfo i : ts.xenCtrl().listDomains()) {
                if (i.domid() != 0 && uuid.equals(i.uuid()) && !i.dying()) {
                    LOG.warn("domain {} ({}, uuid {}) was being created when xljd stopped: destroying it",
                            i.domid(), name, uuid);
                    try {
                        ts.destroy(i.domid());
                        destroyed.add(i.domid());
                    } catch (RuntimeException e) {
                        LOG.error("cannot destroy the unfinished domain {} ({}): {}", i.domid(), name, e.getMessage());
                    }
                }
            }
            clear(uuid);
        }
        return destroyed;
    }

    private void clear(String m) {
        try {
            xs.rm(DIR + "/" + m);
        } catch (XenstoreException e) {
            LOG.debug("{}/{}: {}", DIR, m, e.getMessage());
        }
    }

    /** Whether a create of this uuid is marked (read by the monitor, which leaves such domains alone). */
    public boolean isMarked(UUID uuid) {
        return xs.readOptional(DIR + "/" + uuid).isPresent();
    }

}
