package io.xlj.cli;

import io.xlj.libxl.Toolstack;
import io.xlj.libxl.device.DeviceException;
import io.xlj.libxl.device.Devices;
import io.xlj.libxl.device.VdevNumber;
import io.xlj.xen.XenException;
import io.xlj.xenstore.XenstoreException;
import java.util.Optional;

/** {@code xl block-detach [-f] <Domain> <DevId>} (xl_block.c main_blockdetach). */
final class BlockDetachCommand implements XlCommand {

    private static final Getopt.LongOpt[] LONGOPTS = {
        new Getopt.LongOpt("force", Getopt.LongOpt.NO_ARGUMENT, 'f'),
        CommandOptions.HELP,
    };

    @Override
    public int run(XlContext ctx, String[] args) {
        boolean force = false;
        CommandOptions o = ctx.options(args, "f", LONGOPTS, "block-detach", 2);
        for (int opt; (opt = o.next()) != -1; ) {
            if (opt == 'f') {
                force = true;
            }
        }
        String[] rest = o.remaining();
        try (Toolstack ts = XenHost.open(ctx)) {
            int domid = XenHost.findDomain(ctx, ts, rest[0]);
            Devices devices = DeviceCommands.devices(ts);
            Optional<Integer> devid = devices.diskDevid(domid, rest[1]);
            int number = VdevNumber.of(rest[1]);
            String path = "/libxl/" + domid + "/device/vbd/" + number;
            if (devid.isEmpty() && number >= 0 && !devices.nodeExists(path + "/backend")) {
                // libxl__disk_from_xenstore's words (with its missing parenthesis).
                ctx.err().print("libxl: error: libxl_disk.c:516:libxl__disk_from_xenstore: disk " + path
                        + " does not exist (no backend path\n");
            }
            if (devid.isEmpty()) {
                ctx.err().print("Error: Device " + rest[1] + " not connected.\n");
                return 1;
            }
            try {
                devices.detachDisk(domid, devid.get(), force);
            } catch (DeviceException | XenException | XenstoreException e) {
                DeviceCommands.libxlError(ctx, domid, e);
                ctx.err().print("libxl_device_disk_" + (force ? "destroy" : "safe_remove") + " failed.\n");
                return 1;
            }
        }
        return 0;
    }
}
