package io.xlj.cli;

import io.xlj.libxl.Toolstack;
import io.xlj.libxl.device.DiskInfo;
import java.util.OptionalInt;

/** {@code xl block-list <Domain>...} (xl_block.c main_blocklist), byte for byte as xl 4.17 prints it. */
final class BlockListCommand implements XlCommand {

    @Override
    public int run(XlContext ctx, String[] args) {
        CommandOptions o = ctx.options(args, "", null, "block-list", 1);
        while (o.next() != -1) {
            // no options
        }
        String[] rest = o.remaining();
        try (Toolstack ts = XenHost.open(ctx)) {
            ctx.out().print(String.format("%-5s %-3s %-6s %-5s %-6s %-8s %-30s\n",
                    "Vdev", "BE", "handle", "state", "evt-ch", "ring-ref", "BE-path"));
            for (String q : rest) {
                OptionalInt domid = XenHost.qualifierToDomid(ts, q);
                if (domid.isEmpty()) {
                    ctx.err().print(q + " is an invalid domain identifier\n");
                    continue;
                }
                for (DiskInfo d : DeviceCommands.devices(ts).listing().disks(domid.getAsInt())) {
                    ctx.out().print(String.format("%-5d %-3d %-6d %-5d %-6d %-8d %-30s\n", d.devid(), d.backendId(),
                            d.frontendId(), (int) d.state(), (int) d.evtch(), (int) d.rref(), d.backend()));
                }
            }
        }
        return 0;
    }
}
