package io.xlj.libxl.device;

import io.xlj.xenstore.XenstoreException;
import io.xlj.xenstore.XenstoreOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * libxl_device_disk_list + libxl_device_disk_getinfo, libxl_device_nic_list +
 * libxl_device_nic_getinfo and libxl_device_channel_list + libxl_device_channel_getinfo:
 * what block-list, network-list and channel-list print, read from
 * /libxl/N/device/{vbd,vif,console} and the frontends.
 */
public final class DeviceListing {

    private final XenstoreOps xs;

    public DeviceListing(XenstoreOps xs) {
        this.xs = xs;
    }

    /** The domain's disks in xenstore's directory order; entries libxl cannot read are skipped. */
    public List<DiskInfo> disks(int domid) {
        List<DiskInfo> out = new ArrayList<>();
        for (String entry : dir("/libxl/" + domid + "/device/vbd")) {
            // libxl__disk_from_xenstore needs params, type and a backend; getinfo recomputes the devid from dev.
            String lx = "/libxl/" + domid + "/device/vbd/" + entry;
            Optional<String> vdev = xs.readOptional(lx + "/dev");
            if (vdev.isEmpty()) {
                continue;
            }
            int devid = VdevNumber.of(vdev.get());
            String lxd = DeviceSpec.libxlPath(DeviceKind.VBD, domid, devid);
            Optional<String> backend = xs.readOptional(lxd + "/backend");
            if (backend.isEmpty()) {
                continue;
            }
            Integer beId = backendDomid(backend.get());
            if (beId == null) {
                continue;
            }
            String fe = DeviceSpec.frontendPath(DeviceKind.VBD, domid, devid);
            out.add(new DiskInfo(devid, beId, domid, ulong(fe + "/state"), ulong(fe + "/event-channel"),
                    ulong(fe + "/ring-ref"), backend.get()));
        }
        return out;
    }

    /**
     * The domain's nics; like libxl, a nic without a backend path makes the whole list empty
     * ("nic ... does not exist (no backend path)").
     */
    public List<NicInfo> nics(int domid) {
        List<NicInfo> out = new ArrayList<>();
        for (String entry : dir("/libxl/" + domid + "/device/vif")) {
            String lx = "/libxl/" + domid + "/device/vif/" + entry;
            int devid = xs.readOptional(lx + "/handle").map(DeviceListing::atoi).orElse(0);
            if (xs.readOptional(lx + "/backend").isEmpty()) {
                return List.of();
            }
            String mac = xs.readOptional(lx + "/mac").orElse("00:00:00:00:00:00");
            String lxd = DeviceSpec.libxlPath(DeviceKind.VIF, domid, devid);
            Optional<String> backend = xs.readOptional(lxd + "/backend");
            if (backend.isEmpty()) {
                continue;
            }
            Integer beId = backendDomid(backend.get());
            if (beId == null) {
                continue;
            }
            String fe = DeviceSpec.frontendPath(DeviceKind.VIF, domid, devid);
            out.add(new NicInfo(devid, beId, mac, ulong(fe + "/state"), ulong(fe + "/event-channel"),
                    ulong(fe + "/tx-ring-ref"), ulong(fe + "/rx-ring-ref"), backend.get()));
        }
        return out;
    }

    /**
     * libxl_device_channel_list + libxl_device_channel_getinfo: the consoles with a name, in
     * xenstore's directory order, numbered from 0; their state, event channel and ring from
     * console {@code index + 1}'s frontend (libxl's assumption that channels are consoles 1..n).
     * Like libxl, an entry without a readable connection makes the whole list empty.
     */
    public List<ChannelInfo> channels(int domid) {
        String base = "/libxl/" + domid + "/device/console";
        List<ChannelInfo> out = new ArrayList<>();
        int index = 0;
        for (String entry : dir(base)) {
            String lx = base + "/" + entry;
            if (xs.readOptional(lx + "/name").isEmpty()) {
                continue;
            }
            Optional<String> connection = xs.readOptional(lx + "/connection");
            if (connection.isEmpty() || !connection.get().equals("pty") && !connection.get().equals("socket")
                    || connection.get().equals("socket") && xs.readOptional(lx + "/path").isEmpty()) {
                return List.of();
            }
            int devid = index++;
            String lxd = DeviceSpec.libxlPath(DeviceKind.CONSOLE, domid, devid + 1);
            Optional<String> backend = xs.readOptional(lxd + "/backend");
            Integer beId = backend.map(DeviceListing::backendDomid).orElse(null);
            if (beId == null) {
                continue;
            }
            String fe = DeviceSpec.frontendPath(DeviceKind.CONSOLE, domid, devid + 1);
            String pty = connection.get().equals("pty") ? xs.readOptional(fe + "/tty").orElse("/NO-SUCH-PATH") : null;
            out.add(new ChannelInfo(devid, beId, ulong(fe + "/state"), ulong(fe + "/port"), ulong(fe + "/ring-ref"),
                    connection.get(), pty));
        }
        return out;
    }

    private List<String> dir(String path) {
        try {
            return xs.directory(path);
        } catch (XenstoreException e) {
            if (e.isNoEntry()) {
                return List.of();
            }
            throw e;
        }
    }

    /** strtoul(val, NULL, 10) of a node, or -1 when it is missing. */
    private long ulong(String path) {
        Optional<String> v = xs.readOptional(path);
        if (v.isEmpty()) {
            return -1;
        }
        CNum.Parsed p = CNum.strtoul(v.get().trim(), 0, 10);
        return p == null ? 0 : p.value();
    }

    static int atoi(String s) {
        CNum.Parsed p = CNum.scanI(s.trim(), 0);
        if (p == null) {
            return 0;
        }
        // atoi is decimal only: rescan without %i's base prefixes.
        String t = s.trim();
        int i = t.startsWith("-") || t.startsWith("+") ? 1 : 0;
        CNum.Parsed d = CNum.strtoul(t, i, 10);
        if (d == null) {
            return 0;
        }
        return (int) (t.startsWith("-") ? -d.value() : d.value());
    }

    /** libxl__backendpath_parse_domid: "/local/domain/%u/". */
    static Integer backendDomid(String path) {
        String prefix = "/local/domain/";
        if (!path.startsWith(prefix)) {
            return null;
        }
        CNum.Parsed p = CNum.strtoul(path, prefix.length(), 10);
        if (p == null || p.end() >= path.length() || path.charAt(p.end()) != '/') {
            return null;
        }
        return (int) p.value();
    }
}
