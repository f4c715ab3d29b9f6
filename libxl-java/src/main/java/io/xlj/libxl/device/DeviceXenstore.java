package io.xlj.libxl.device;

import io.xlj.xenstore.Permission;
import io.xlj.xenstore.XenstoreException;
import io.xlj.xenstore.XenstoreOps;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** libxl__device_exists: the backend directory is there. */
    public static boolean exists(XenstoreOps t, DeviceSpec d) {
        return t.readOptional(d.backendPath()).isPresent();
    }

    /**
     * libxl__device_exists, then libxl__device_generic_add, in one transaction (its writes
     * pipelined); false, with nothing written, when the backend node is there already.
     */
    public static boolean addIfAbsent(io.xlj.xenstore.XenstoreClient xs, DeviceSpec d) {
        return xs.runInTransaction(t -> {
            if (exists(t, d)) {
                return false;
            }
            t.pipelineWrites();
            add(t, d);
            return true;
        });
    }

    /** libxl__device_destroy from the toolstack domain: frontend, libxl and backend paths cleaned up. */
    public static void destroy(XenstoreOps t, String frontend, String libxl, String backend) {
        if (frontend != null) {
            pathCleanup(t, frontend);
        }
        pathCleanup(t, libxl);
        if (backend != null) {
            pathCleanup(t, backend);
        }
    }

    /** libxl__xs_path_cleanup: remove the node, then each parent left empty (value "" and no children). */
    public static void pathCleanup(XenstoreOps t, String path) {
        rm(t, path);
        String p = path;
        for (int slash = p.lastIndexOf('/'); slash > 0; slash = p.lastIndexOf('/')) {
            p = p.substring(0, slash);
            Optional<String> value = t.readOptional(p);
            if (value.isEmpty() || !value.get().isEmpty() || !t.directory(p).isEmpty()) {
                return;
            }
            rm(t, p);
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
