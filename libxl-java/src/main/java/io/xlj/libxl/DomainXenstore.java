package io.xlj.libxl;

import io.xlj.libxl.device.ChannelDevices;
import io.xlj.xenstore.Permission;
import io.xlj.xenstore.XenstoreException;
import io.xlj.xenstore.XenstoreOps;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The xenstore nodes libxl 4.17 writes for a PV domain, with its permissions: the skeleton
 * of libxl__domain_make (+ store_libxl_entry), the entries of libxl__build_post and the
 * primary console of libxl__device_console_add. Each method writes into the transaction
 * (or connection) it is given.
 */
final class DomainXenstore {

    /** LIBXL_XENCONSOLE_LIMIT and LIBXL_XENCONSOLE_PROTOCOL. */
    static final String CONSOLE_LIMIT = ChannelDevices.CONSOLE_LIMIT;
    static final String CONSOLE_PROTOCOL = ChannelDevices.CONSOLE_PROTOCOL;
    /** XenbusStateInitialising. */
    static final String STATE_INITIALISING = "1";

    private DomainXenstore() {
    }

    /** {n0, r<domid>}: dom0 owns, the guest reads. */
    private static List<Permission> ro(int domid) {
        return List.of(Permission.none(0), Permission.read(domid));
    }

    /** {n<domid>}: the guest owns. */
    private static List<Permission> rw(int domid) {
        return List.of(Permission.none(domid));
    }

    /** xs_rm that, like libxl, does not mind a node (or its parent) that is not there. */
    static void rm(XenstoreOps t, String path) {
        try {
            t.rm(path);
        } catch (XenstoreException e) {
            if (!e.isNoEntry()) {
                throw e;
            }
        }
    }

    private static void mknod(XenstoreOps t, String path, List<Permission> perms) {
        t.mkdir(path);
        t.setPermissions(path, perms);
    }

    /** libxl__domain_make's transaction (with the HVM-only nodes for type "hvm"), and /libxl/N/dm-version. */
    static void skeleton(XenstoreOps t, int domid, UUID uuid, String name, String type,
                         Map<String, String> xsdata, Map<String, String> platformdata) {
        String dom = XsPaths.dom(domid);
        String vm = XsPaths.vm(uuid);
        String libxl = XsPaths.libxl(domid);
        rm(t, dom);
        mknod(t, dom, ro(domid));
        rm(t, vm);
        mknod(t, vm, ro(domid));
        rm(t, libxl);
        mknod(t, libxl, List.of(Permission.none(0)));
        mknod(t, libxl + "/device", List.of(Permission.none(0)));
        t.write(dom + "/vm", vm);
        // libxl__domain_rename
        t.write(dom + "/name", name);
        t.write(vm + "/name", name);
        mknod(t, dom + "/cpu", ro(domid));
        mknod(t, dom + "/memory", ro(domid));
        mknod(t, dom + "/device", ro(domid));
        mknod(t, dom + "/device/suspend/event-channel", rw(domid));
        mknod(t, dom + "/control", ro(domid));
        boolean hvm = "hvm".equals(type);
        if (hvm) {
            mknod(t, dom + "/hvmloader", ro(domid));
        }
        for (String c : hvm ? List.of("shutdown", "feature-poweroff", "feature-reboot", "feature-suspend",
                "feature-s3", "feature-s4", "sysrq")
                : List.of("shutdown", "feature-poweroff", "feature-reboot", "feature-suspend", "sysrq")) {
            mknod(t, dom + "/control/" + c, rw(domid));
        }
        for (String d : List.of("data", "drivers", "feature", "attr", "error")) {
            mknod(t, dom + "/" + d, rw(domid));
        }
        t.write(vm + "/uuid", uuid.toString());
        t.write(vm + "/name", name);
        xsdata.forEach((k, v) -> t.write(dom + "/" + k, v));
        platformdata.forEach((k, v) -> t.write(dom + "/platform/" + k, v));
        t.write(dom + "/control/platform-feature-multiprocessor-suspend", "1");
        t.write(dom + "/control/platform-feature-xs_reset_watches", "1");
        t.write(libxl + "/type", type);
        t.write(libxl + "/dm-version", "qemu_xen");
    }

    /** libxl__build_post's entries under /local/domain/N and /vm/UUID (PV). */
    static void buildPost(XenstoreOps t, int domid, UUID uuid, PvBuild b, PvImage image, int storePort,
                          long storeMfn, String startTime) {
        String dom = XsPaths.dom(domid);
        t.write(dom + "/memory/static-max", Long.toString(b.maxMemKb()));
        // A PV guest has no target fudge.
        t.write(dom + "/memory/target", Long.toString(b.targetMemKb()));
        t.write(dom + "/memory/videoram", Long.toString(b.videoMemKb()));
        t.write(dom + "/domid", Integer.toString(domid));
        t.write(dom + "/store/port", Integer.toUnsignedString(storePort));
        t.write(dom + "/store/ring-ref", Long.toUnsignedString(storeMfn));
        BitSet avail = b.availVcpus();
        for (int i = 0; i < b.maxVcpus(); i++) {
            t.write(dom + "/cpu/" + i + "/availability", avail.get(i) ? "online" : "offline");
        }
        String vm = XsPaths.vm(uuid);
        t.write(vm + "/image/ostype", "linux");
        // What was booted: a bootloader's (already deleted) files and command line, as libxl records them.
        t.write(vm + "/image/kernel", image.kernelPath());
        t.write(vm + "/start_time", startTime);
        if (image.ramdiskPath() != null) {
            t.write(vm + "/image/ramdisk", image.ramdiskPath());
        }
        if (image.cmdline() != null) {
            t.write(vm + "/image/cmdline", image.cmdline());
        }
    }

    /** libxl__device_console_add for console 0 served by xenconsoled (libxl__device_generic_add). */
    static void primaryConsole(XenstoreOps t, int domid, int backendDomid, int consolePort, long consoleMfn) {
        String fe = XsPaths.consoleFrontend(domid);
        String be = XsPaths.consoleBackend(backendDomid, domid);
        String lx = XsPaths.consoleLibxl(domid);
        List<Permission> frontendPerms = List.of(Permission.none(domid), Permission.read(backendDomid));
        List<Permission> roFrontendPerms = List.of(Permission.none(backendDomid), Permission.read(domid));
        Map<String, String> back = new java.util.LinkedHashMap<>();
        back.put("frontend-id", Integer.toString(domid));
        back.put("online", "1");
        back.put("state", STATE_INITIALISING);
        back.put("protocol", CONSOLE_PROTOCOL);

        rm(t, lx);
        t.write(lx + "/frontend", fe);
        t.write(lx + "/backend", be);

        rm(t, fe);
        t.mkdir(fe);
        // Console 0 keeps the guest from writing its own directory (libxl's special case).
        t.setPermissions(fe, roFrontendPerms);
        t.write(fe + "/backend", be);
        writePerms(t, fe, Map.of("backend-id", Integer.toString(backendDomid)), frontendPerms);
        Map<String, String> roFront = new java.util.LinkedHashMap<>();
        roFront.put("limit", CONSOLE_LIMIT);
        roFront.put("type", "xenconsoled");
        roFront.put("output", "pty");
        roFront.put("tty", "");
        roFront.put("port", Integer.toUnsignedString(consolePort));
        roFront.put("ring-ref", Long.toUnsignedString(consoleMfn));
        writePerms(t, fe, roFront, roFrontendPerms);

        rm(t, be);
        t.mkdir(be);
        t.setPermissions(be, roFrontendPerms);
        t.write(be + "/frontend", fe);
        back.forEach((k, v) -> t.write(be + "/" + k, v));
        back.forEach((k, v) -> t.write(lx + "/" + k, v));
    }

    /** libxl__xs_writev_perms: each key written, then given {@code perms}. */
    private static void writePerms(XenstoreOps t, String dir, Map<String, String> kvs, List<Permission> perms) {
        kvs.forEach((k, v) -> {
            t.write(dir + "/" + k, v);
            t.setPermissions(dir + "/" + k, perms);
        });
    }
}
