package io.xlj.cli;

import io.xlj.libxl.Toolstack;
import io.xlj.libxl.device.ChannelInfo;

/** {@code xl channel-list <Domain>...} (xl_console.c main_channellist), byte for byte as xl 4.17 prints it. */
final class ChannelListCommand implements XlCommand {

    @Override
    public int run(XlContext ctx, String[] args) {
        CommandOptions o = ctx.options(args, "", null, "channel-list", 1);
        while (o.next() != -1) {
            // no options
        }
        String[] rest = o.remaining();
        try (Toolstack ts = XenHost.open(ctx)) {
            ctx.out().print(String.format("%-3s %-2s %-5s %-6s %8s %-10s %-30s\n",
                    "Idx", "BE", "state", "evt-ch", "ring-ref", "connection", ""));
            for (String q : rest) {
                int domid = XenHost.findDomain(ctx, ts, q);
                for (ChannelInfo c : DeviceCommands.devices(ts).listing().channels(domid)) {
                    StringBuilder line = new StringBuilder(String.format("%-3d %-2d %-5d %-6d %-8d %-10s ", c.devid(),
                            c.backendId(), (int) c.state(), (int) c.evtch(), (int) c.rref(), c.connection()));
                    if (c.ptyPath() != null) {
                        line.append(String.format("%-30s ", c.ptyPath()));
                    }
                    ctx.out().print(line.append('\n'));
                }
            }
        }
        return 0;
    }
}
