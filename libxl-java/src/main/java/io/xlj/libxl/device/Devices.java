package io.xlj.libxl.device;

import io.xlj.config.model.DeviceDisk;
import io.xlj.config.model.DeviceNic;
import io.xlj.libxl.Userdata;
import io.xlj.xen.XenCtrl;
import io.xlj.xenstore.XenstoreClient;
import io.xlj.xenstore.XenstoreException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot plug on a running domain, as libxl_device_disk_add/remove and libxl_device_nic_add/remove
 * do it: defaults, nodes, connection and hotplug script, the stored config updated on add.
 * Unlike libxl, a failed attach removes what it wrote, so nothing is left half-done.
 */
public final class Devices {

    private static final Logger LOG = LoggerFactory.getLogger(Devices.class);

    private final XenCtrl xc;
    private final XenstoreClient xs;
    private final Userdata userdata;

    public Devices(XenCtrl xc, XenstoreClient xs, Userdata userdata) {
        this.xc = xc;
        this.xs = xs;
        this.userdata = userdata;
    }

    public DeviceListing listing() {
        return new DeviceListing(xs);
    }

    /** libxl_device_disk_add. */
    public void attachDisk(int domid, DeviceDisk disk) {
        UUID uuid = uuidOf(domid);
        DiskDevices.Resolved r;
        try {
            // libxl__domain_type: a PV guest's frontends get its native protocol, an HVM
            // guest's cdroms are qdisks.
            String type = xs.readOptional("/libxl/" + domid + "/type").orElse("");
            r = DiskDevices.resolve(disk, domid, type.equals("pv") ? xc.nativeProtocol(domid) : null,
                    type.equals("hvm"));
        } catch (DeviceException e) {
            throw e.thenLogged(DeviceException.ADD_FAILED_EARLY);
        }
        // libxl__dm_check_start: a qdisk needs the domain's QEMU, which only a create starts.
        // libxl asks before it sets the disk's defaults, so only an explicit backendtype=qdisk
        // is refused; a qcow2 without it is attached with nobody serving it, as libxl does.
        if (DiskDevices.needsQemu(disk) && xs.readOptional("/local/domain/" + domid + "/image/device-model-pid")
                .isEmpty() && xs.readOptional("/local/domain/" + domid + "/image/device-model-domid").isEmpty()) {
            throw new DeviceException("device model required but not running", List.of(
                    "libxl_dm.c:3845:libxl__dm_check_start: Domain " + domid
                            + ":device model required but not running",
                    DeviceException.ADD_FAILED_EARLY), null);
        }
        attach(domid, uuid, r.spec(), "disks", "vdev", disk);
    }

    /** libxl_device_nic_add. */
    public void attachNic(int domid, DeviceNic nic) {
        UUID uuid = uuidOf(domid);
        NicDevices.Resolved r = NicDevices.resolveForAttach(nic, domid, nextDevid(domid, DeviceKind.VIF));
        // libxl__update_config_nic: the stored nic gets the devid, nictype and MAC chosen here.
        DeviceNic.Builder saved = nic.toBuilder();
        saved.devid = r.nic().devid();
        saved.nictype = r.nic().nictype();
        saved.mac = r.nic().mac();
        attach(domid, uuid, r.spec(), "nics", "devid", saved.build());
    }

    /** @param key the field libxl compares devices of {@code array} by (device_add_domain_config) */
    private void attach(int domid, UUID uuid, DeviceSpec d, String array, String key,
                        io.xlj.config.model.LibxlJson saved) {
        boolean added = DeviceXenstore.addIfAbsent(xs, d);
        if (!added) {
            if (d.kind() == DeviceKind.VBD) {
                throw new DeviceException("device already exists in xenstore", List.of(
                        "libxl_disk.c:343:device_disk_add: Domain " + domid + ":device already exists in xenstore",
                        DeviceException.ADD_FAILED_EARLY), null);
            }
            throw new DeviceException("device already exists in xenstore");
        }
        try {
            try {
                new DeviceConnector(xs).connect(d);
            } catch (DeviceException e) {
                throw e.thenLogged("libxl_device.c:1481:device_addrm_aocomplete: Domain " + domid
                        + ":Unable to add " + d.kind().xsName() + " with id " + d.devid());
            }
            userdata.locked(domid, uuid, () -> {
                byte[] stored = UserdataDevices.read(userdata.path(domid, uuid, Userdata.LIBXL_JSON));
                if (stored != null) {
                    userdata.store(domid, uuid, Userdata.LIBXL_JSON,
                            UserdataDevices.withDevice(stored, array, saved, key));
                }
            });
        } catch (RuntimeException e) {
            try {
                new DeviceRemover(xs).remove(d.kind(), domid, d.devid(), true);
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
                LOG.error("could not undo {}: {}", d.describe(), undo.getMessage());
            }
            throw e;
        }
    }

    /** libxl_vdev_to_device_disk: the devid of a connected disk, if there is one. */
    public Optional<Integer> diskDevid(int domid, String vdev) {
        int devid = VdevNumber.of(vdev);
        if (devid == VdevNumber.INVALID) {
            return Optional.empty();
        }
        String lx = DeviceSpec.libxlPath(DeviceKind.VBD, domid, devid);
        // libxl__disk_from_xenstore fails without a backend path (and without params/type).
        if (xs.readOptional(lx + "/backend").isEmpty() || xs.readOptional(lx + "/params").isEmpty()
                || xs.readOptional(lx + "/type").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(devid);
    }

    /** Whether a xenstore node exists (for the commands' libxl error lines). */
    public boolean nodeExists(String path) {
        return xs.readOptional(path).isPresent();
    }

    /** libxl_devid_to_device_nic: whether nic {@code devid} exists. */
    public boolean nicExists(int domid, int devid) {
        return listing().nics(domid).stream().anyMatch(n -> n.devid() == devid);
    }

    /** libxl_mac_to_device_nic: the devid of the nic with this MAC. */
    public Optional<Integer> nicDevidByMac(int domid, String mac) {
        long wanted = parseMac(mac);
        return listing().nics(domid).stream().filter(n -> parseMac(n.mac()) == wanted).map(NicInfo::devid)
                .findFirst();
    }

    /** libxl_device_disk_safe_remove (force: libxl_device_disk_destroy). */
    public void detachDisk(int domid, int devid, boolean force) {
        new DeviceRemover(xs).remove(DeviceKind.VBD, domid, devid, force);
    }

    /** libxl_device_nic_remove. */
    public void detachNic(int domid, int devid) {
        new DeviceRemover(xs).remove(DeviceKind.VIF, domid, devid, false);
    }

    private UUID uuidOf(int domid) {
        return xc.domainInfo(domid).orElseThrow(() -> new DeviceException("Domain " + domid + " does not exist"))
                .uuid();
    }

    /** libxl__device_nextid: one past the last devid listed under /libxl/N/device/KIND. */
    int nextDevid(int domid, DeviceKind kind) {
        List<String> l;
        try {
            l = xs.directory("/libxl/" + domid + "/device/" + kind.xsName());
        } catch (XenstoreException e) {
            return 0;
        }
        if (l.isEmpty()) {
            return 0;
        }
        CNum.Parsed p = CNum.strtoul(l.get(l.size() - 1), 0, 10);
        return p == null ? 1 : (int) p.value() + 1;
    }

    /** libxl__parse_mac: six hex octets separated by any single character; -1 if malformed. */
    static long parseMac(String s) {
        long v = 0;
        int i = 0;
        for (int o = 0; o < 6; o++) {
            if (i + 2 > s.length()) {
                return -1;
            }
            int hi = Character.digit(s.charAt(i), 16);
            int lo = Character.digit(s.charAt(i + 1), 16);
            if (hi < 0 || lo < 0) {
                return -1;
            }
            v = (v << 8) | (hi << 4) | lo;
            i += 3;
        }
        return v;
    }
}
