package io.xlj.cli;

import io.xlj.libxl.Toolstack;
import io.xlj.libxl.device.DeviceException;
import io.xlj.libxl.device.Devices;
import io.xlj.xen.XenException;
import io.xlj.xenstore.XenstoreException;
import java.util.Optional;

/** {@code xl network-detach <Domain> <DevId|mac>} (xl_nic.c main_networkdetach). */
final class NetworkDetachCommand implements XlCommand {

    @Override
    public int run(XlContext ctx, String[] args) {
        CommandOptions o = ctx.options(args, "", null, "network-detach", 2);
        while (o.next() != -1) {
            // no options
        }
        String[] rest = o.remaining();
        try (Toolstack ts = XenHost.open(ctx)) {
            int domid = XenHost.findDomain(ctx, ts, rest[0]);
            Devices devices = DeviceCommands.devices(ts);
            Optional<Integer> devid;
            if (rest[1].indexOf(':') < 0) {
                int id = atoi(rest[1]);
                String path = "/libxl/" + domid + "/device/vif/" + id;
                if (!devices.nodeExists(path)) {
                    // libxl_devid_to_device_nic reads the node with libxl__xs_read_mandatory.
                    ctx.err().print("libxl: error: libxl_xshelp.c:206:libxl__xs_read_mandatory: xenstore read failed: `"
                            + path + "': No such file or directory\n");
                }
                devid = devices.nicExists(domid, id) ? Optional.of(id) : Optional.empty();
            } else {
                devid = devices.nicDevidByMac(domid, rest[1]);
            }
            if (devid.isEmpty()) {
                ctx.err().print("Unknown device " + rest[1] + ".\n");
                return 1;
            }
            try {
                devices.detachNic(domid, devid.get());
            } catch (DeviceException | XenException | XenstoreException e) {
                DeviceCommands.libxlError(ctx, domid, e);
                ctx.err().print("libxl_device_nic_del failed.\n");
                return 1;
            }
        }
        return 0;
    }

    /** C atoi: optional blanks and sign, then decimal digits. */
    private static int atoi(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && v < Integer.MAX_VALUE) {
            v = v * 10 + (s.charAt(i) - '0');
            i++;
        }
        return (int) (neg ? -v : v);
    }
}
