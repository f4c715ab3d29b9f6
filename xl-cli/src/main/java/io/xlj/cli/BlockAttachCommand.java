package io.xlj.cli;

import io.xlj.config.model.DeviceDisk;
import io.xlj.config.spec.DiskSpecParser;
import io.xlj.config.spec.SpecException;
import io.xlj.libxl.Toolstack;
import io.xlj.libxl.ToolstackException;
import io.xlj.libxl.device.DeviceException;
import io.xlj.xen.XenException;
import io.xlj.xenstore.XenstoreException;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * {@code xl block-attach <Domain> <disk-spec-component(s)>...} (xl_block.c
 * main_blockattach): parses the disk spec; with -N prints the libxl_device_disk as JSON,
 * else attaches the disk (libxl_device_disk_add).
 */
final class BlockAttachCommand implements XlCommand {

    @Override
    public int run(XlContext ctx, String[] args) {
        CommandOptions o = ctx.options(args, "", null, "block-attach", 2);
        while (o.next() != -1) {
            // no options
        }
        String[] rest = o.remaining();
        if (ctx.dryRun() && DomainQualifier.toDomid(rest[0]) == null) {
            // The oracle's pretend host has no domains: names fail as there.
            ctx.err().print(rest[0] + " is an invalid domain identifier\n");
            return 1;
        }
        DeviceDisk disk;
        try {
            disk = DiskSpecParser.parse("command line", Arrays.asList(rest).subList(1, rest.length),
                    ctx.err()::print);
        } catch (SpecException e) {
            throw new XlExit(e.exitCode());
        }
        if (ctx.dryRun()) {
            ctx.out().print("disk: " + disk.toJson() + "\n");
            return 0;
        }
        try (Toolstack ts = XenHost.open(ctx)) {
            OptionalInt domid = XenHost.qualifierToDomid(ts, rest[0]);
            if (domid.isEmpty()) {
                ctx.err().print(rest[0] + " is an invalid domain identifier\n");
                return 1;
            }
            try {
                DeviceCommands.devices(ts).attachDisk(domid.getAsInt(), disk);
            } catch (DeviceException | ToolstackException | XenException | XenstoreException e) {
                DeviceCommands.libxlError(ctx, domid.getAsInt(), e);
                ctx.err().print("libxl_device_disk_add failed.\n");
                return 1;
            }
        }
        return 0;
    }
}
