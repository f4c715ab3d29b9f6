package io.xlj.libxl.device;

import io.xlj.config.model.Defbool;
import io.xlj.config.model.DeviceNic;
import io.xlj.config.model.Mac;
import io.xlj.config.model.NicColo;
import io.xlj.config.model.NicType;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * libxl_device_nic to the vif libxl 4.17 adds: libxl__device_nic_setdefault (mtu 1500, model
 * rtl8139, a random 00:16:3e MAC, bridge xenbr0, script vif-bridge, trusted; nictype vif for
 * PV/PVH guests, vif_ioemu for an HVM guest's nics at create, which its device model also
 * emulates), the devids of libxl__device_nic_set_devids and the entries of
 * libxl__set_xenstore_nic on top of libxl__device_add_async's.
 */
public final class NicDevices {

    public static final int MTU_DEFAULT = 1500;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The nic after libxl's defaults, and the device it becomes. */
    public record Resolved(DeviceNic nic, DeviceSpec spec) {
    }

    private NicDevices() {
    }

    /**
     * libxl__device_nic_set_devids at create: defaults for every nic, then devids 0, 1, ... for
     * those without one. (libxl compares the int devids with a size_t that starts at -1, so
     * explicit devids never raise the counter: reproduced as is.)
     */
    public static List<Resolved> resolveForCreate(List<DeviceNic> nics, int domid, boolean hvm) {
        List<DeviceNic> defaulted = new ArrayList<>();
        for (DeviceNic n : nics) {
            defaulted.add(setDefault(n, hvm, false));
        }
        List<Resolved> out = new ArrayList<>();
        int next = 0;
        for (DeviceNic n : defaulted) {
            DeviceNic.Builder b = n.toBuilder();
            if (b.devid < 0) {
                b.devid = next++;
            }
            DeviceNic done = b.build();
            out.add(new Resolved(done, spec(done, domid)));
        }
        return out;
    }

    /**
     * For network-attach: defaults, and a devid one past the last under /libxl/N/device/vif
     * when unset. A hot-plugged nic is a PV vif, an HVM guest's too (no device model emulates
     * it); an explicit type=ioemu is refused, as libxl does for PV/PVH guests.
     */
    public static Resolved resolveForAttach(DeviceNic nic, int domid, int nextDevid) {
        DeviceNic.Builder b = setDefault(nic, false, true).toBuilder();
        if (b.devid < 0) {
            b.devid = nextDevid;
        }
        DeviceNic done = b.build();
        return new Resolved(done, spec(done, domid));
    }

    /**
     * @param hvm     the guest is HVM: an unset nictype becomes vif_ioemu at create
     * @param hotplug the nic is attached to a running guest
     */
    static DeviceNic setDefault(DeviceNic in, boolean hvm, boolean hotplug) {
        DeviceNic.Builder b = in.toBuilder();
        if (b.mtu == 0) {
            b.mtu = MTU_DEFAULT;
        }
        if (b.model == null) {
            b.model = "rtl8139";
        }
        if (b.mac.isZero()) {
            byte[] r = new byte[3];
            RANDOM.nextBytes(r);
            b.mac = Mac.of(new int[] {0x00, 0x16, 0x3e, r[0] & 0x7f, r[1] & 0xff, r[2] & 0xff});
        }
        if (b.bridge == null) {
            b.bridge = "xenbr0";
        }
        if (b.script == null) {
            b.script = DiskDevices.SCRIPT_DIR + "/vif-bridge";
        }
        if (b.backendDomname != null && !b.backendDomname.isEmpty()) {
            throw new DeviceException("nic: backend domain by name (backend=" + b.backendDomname
                    + ") is not supported by xlj yet");
        }
        if (hvm) {
            if (b.nictype == NicType.UNKNOWN) {
                b.nictype = hotplug ? NicType.VIF : NicType.VIF_IOEMU;
            }
        } else {
            if (b.nictype == NicType.VIF_IOEMU) {
                throw new DeviceException("trying to create PV or PVH guest with an emulated interface");
            }
            b.nictype = NicType.VIF;
        }
        if (b.trusted.isDefault()) {
            b.trusted = Defbool.of(true);
        }
        return b.build();
    }

    /** libxl__device_nic_devname: vifD.N, and vifD.N-emu for the tap of an emulated nic. */
    public static String devname(int domid, int devid, boolean emulated) {
        return "vif" + domid + "." + devid + (emulated ? "-emu" : "");
    }

    static DeviceSpec spec(DeviceNic n, int domid) {
        Map<String, String> back = new LinkedHashMap<>();
        back.put("frontend-id", Integer.toString(domid));
        back.put("online", "1");
        back.put("state", "1");
        if (n.script() != null) {
            back.put("script", DiskDevices.absPath(n.script()));
        }
        if (n.ifname() != null) {
            back.put("vifname", n.ifname());
        }
        for (Map.Entry<NicColo, String> e : n.colo().entrySet()) {
            // coloft_forwarddev is "forwarddev", the others "colo_<name>" (libxl's macro).
            String field = e.getKey().field();
            if (e.getValue() != null) {
                back.put(field.equals("coloft_forwarddev") ? "forwarddev" : field, e.getValue());
            }
        }
        back.put("mac", n.mac().toString());
        if (n.ip() != null) {
            back.put("ip", n.ip());
        }
        if (n.gatewaydev() != null) {
            back.put("gatewaydev", n.gatewaydev());
        }
        if (n.rateIntervalUsecs() > 0) {
            back.put("rate", Long.toUnsignedString(n.rateBytesPerInterval()) + "," + n.rateIntervalUsecs());
        }
        if (n.mtu() != MTU_DEFAULT) {
            back.put("mtu", Integer.toUnsignedString(n.mtu()));
        }
        back.put("bridge", n.bridge());
        back.put("handle", Integer.toString(n.devid()));
        back.put("type", n.nictype().libxlName());
        // Makes netback wait for the hotplug script before it connects.
        back.put("hotplug-status", "");

        Map<String, String> front = new LinkedHashMap<>();
        front.put("backend-id", Long.toString(n.backendDomid()));
        front.put("state", "1");
        front.put("handle", Integer.toString(n.devid()));
        front.put("mac", n.mac().toString());
        front.put("trusted", n.trusted().valueOr(true) ? "1" : "0");

        Map<String, String> roFront = new LinkedHashMap<>();
        roFront.put("mtu", Integer.toUnsignedString(n.mtu()));
        return new DeviceSpec(DeviceKind.VIF, DeviceKind.VIF, domid, (int) n.backendDomid(), n.devid(), back,
                front, roFront);
    }
}
