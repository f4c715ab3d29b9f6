package io.xlj.libxl.device;

import io.xlj.xenstore.Batch;
import io.xlj.xenstore.Permission;
import io.xlj.xenstore.XenstoreException;
import io.xlj.xenstore.XenstoreOps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The xenstore side of a device as libxl 4.17 does it: libxl__device_generic_add (libxl
 * mirror, frontend and backend directories with their permissions), libxl__device_exists and
 * libxl__device_destroy / libxl__xs_path_cleanup.
 */
public final class DeviceXenstore {

    private DeviceXenstore() {
    }

    /** Writes the device's nodes into {@code t} exactly as libxl__device_generic_add does. */
    public static void add(XenstoreOps t, DeviceSpec d) {
        String fe = d.frontendPath();
        String be = d.backendPath();
        String lx = d.libxlPath();
        List<Permission> frontendPerms = List.of(Permission.none(d.domid()), Permission.read(d.backendDomid()));
        List<Permission> backendPerms = List.of(Permission.none(d.backendDomid()), Permission.read(d.domid()));

        rm(t, lx);
        t.write(lx + "/frontend", fe);
        t.write(lx + "/backend", be);

        rm(t, fe);
        t.mkdir(fe);
        t.setPermissions(fe, frontendPerms);
        t.write(fe + "/backend", be);
        writePerms(t, fe, d.front(), frontendPerms);
        // ro_frontend_perms are the backend's: the guest may read, not change them.
        writePerms(t, fe, d.roFront(), backendPerms);

        rm(t, be);
        t.mkdir(be);
        t.setPermissions(be, backendPerms);
        t.write(be + "/frontend", fe);
        d.back().forEach((k, v) -> t.write(be + "/" + k, v));
        // libxl's private copy of the backend entries.
        d.back().forEach((k, v) -> t.write(lx + "/" + k, v));
    }

    /**
     * libxl__device_exists, then libxl__device_generic_add, in one transaction (its writes
     * pipelined); false, with nothing written, when the backend node is there already.
     */
    public static boolean addIfAbsent(io.xlj.xenstore.XenstoreClient xs, DeviceSpec d) {
        return addAllIfAbsent(xs, List.of(d)).isEmpty();
    }

    /**
     * {@link #addIfAbsent} of several devices in one transaction: their backend paths read
     * in one batch (libxl__device_exists: the backend directory is there), then all their
     * nodes written, pipelined. libxl adds each device of a kind in a transaction of its own,
     * which ends in the same tree; under a loaded xenstored each transaction is a round trip
     * of its own. When a backend node is there already, or two devices share one, nothing is
     * written and that device is answered.
     */
    public static Optional<DeviceSpec> addAllIfAbsent(io.xlj.xenstore.XenstoreClient xs, List<DeviceSpec> devices) {
        if (devices.isEmpty()) {
            return Optional.empty();
        }
        return xs.runInTransaction(t -> {
            Batch batch = t.batch();
            List<CompletableFuture<byte[]>> backends = devices.stream().map(d -> batch.read(d.backendPath())).toList();
            try {
                batch.sendAndWait();
            } catch (XenstoreException e) {
                // An absent backend answers ENOENT, which is what is hoped for; others are thrown by value().
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < devices.size(); i++) {
                // A second device on one backend path (a vdev given twice) finds the first's nodes under libxl.
                if (Batch.value(backends.get(i)).isPresent() || !seen.add(devices.get(i).backendPath())) {
                    return Optional.of(devices.get(i));
                }
            }
            t.pipelineWrites();
            devices.forEach(d -> add(t, d));
            return Optional.<DeviceSpec>empty();
        });
    }

    /** libxl__device_destroy from the toolstack domain: frontend, libxl and backend paths cleaned up. */
    public static void destroy(XenstoreOps t, String frontend, String libxl, String backend) {
        List<String> paths = new ArrayList<>();
        if (frontend != null) {
            paths.add(frontend);
        }
        paths.add(libxl);
        if (backend != null) {
            paths.add(backend);
        }
        pathCleanup(t, paths);
    }

    /** libxl__xs_path_cleanup of one path. */
    public static void pathCleanup(XenstoreOps t, String path) {
        pathCleanup(t, List.of(path));
    }

    /**
     * libxl__xs_path_cleanup of each path: remove it, then each parent left empty (value ""
     * and no children), walking up until a parent is not. libxl reads each parent after the
     * removal below it, one round trip a level; here all the parents any walk can reach are
     * read in one batch after the paths are removed, and decided deepest first (a parent is
     * empty when every child it still lists is being removed too), which ends in the same tree.
     */
    public static void pathCleanup(XenstoreOps t, List<String> paths) {
        for (String p : paths) {
            rm(t, p);
        }
        List<String> parents = new ArrayList<>();
        for (String p : paths) {
            for (int slash = p.lastIndexOf('/'); slash > 0; slash = p.lastIndexOf('/', slash - 1)) {
                String parent = p.substring(0, slash);
                if (!parents.contains(parent)) {
                    parents.add(parent);
                }
            }
        }
        parents.sort(Comparator.comparingLong((String p) -> p.chars().filter(c -> c == '/').count()).reversed());
        Batch batch = t.batch();
        Map<String, CompletableFuture<byte[]>> values = new HashMap<>();
        Map<String, CompletableFuture<List<String>>> children = new HashMap<>();
        for (String parent : parents) {
            values.put(parent, batch.read(parent));
            children.put(parent, batch.directory(parent));
        }
        try {
            batch.sendAndWait();
        } catch (XenstoreException e) {
            // Missing parents answer ENOENT: looked at one by one below.
        }
        Set<String> removed = new HashSet<>(paths);
        for (String parent : parents) {
            // libxl's walk reaches a parent only from a child it has just removed.
            boolean reached = removed.stream().anyMatch(r -> r.startsWith(parent + "/")
                    && r.indexOf('/', parent.length() + 1) < 0);
            if (!reached || !Batch.value(values.get(parent)).filter(String::isEmpty).isPresent()) {
                continue;
            }
            List<String> left = childrenOf(t, parent, children.get(parent));
            if (left != null && left.stream().allMatch(c -> removed.contains(parent + "/" + c))) {
                rm(t, parent);
                removed.add(parent);
            }
        }
    }

    /** A batched listing, listed alone when too big for one reply; null when the node is missing. */
    private static List<String> childrenOf(XenstoreOps t, String path, CompletableFuture<List<String>> listing) {
        try {
            return listing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof XenstoreException x && x.is("E2BIG")) {
                return t.directory(path);
            }
            return null;
        }
    }

    static void rm(XenstoreOps t, String path) {
        try {
            t.rm(path);
        } catch (XenstoreException e) {
            if (!e.isNoEntry()) {
                throw e;
            }
        }
    }

    private static void writePerms(XenstoreOps t, String dir, Map<String, String> kvs, List<Permission> perms) {
        kvs.forEach((k, v) -> {
            t.write(dir + "/" + k, v);
            t.setPermissions(dir + "/" + k, perms);
        });
    }
}
