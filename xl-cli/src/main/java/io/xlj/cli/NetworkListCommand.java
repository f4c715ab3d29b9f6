package io.xlj.cli;

import io.xlj.libxl.Toolstack;
import io.xlj.libxl.device.NicInfo;

/** {@code xl network-list <Domain>...} (xl_nic.c main_networklist), byte for byte as xl 4.17 prints it. */
final class NetworkListCommand implements XlCommand {

    @Override
    public int run(XlContext ctx, String[] args) {
        CommandOptions o = ctx.options(args, "", null, "network-list", 1);
        while (o.next() != -1) {
            // no options
        }
        String[] rest = o.remaining();
        try (Toolstack ts = XenHost.open(ctx)) {
            ctx.out().print(String.format("%-3s %-2s %-17s %-6s %-5s %-6s %5s/%-5s %-30s\n",
                    "Idx", "BE", "Mac Addr.", "handle", "state", "evt-ch", "tx-", "rx-ring-ref", "BE-path"));
            for (String q : rest) {
                int domid = XenHost.findDomain(ctx, ts, q);
                for (NicInfo n : DeviceCommands.devices(ts).listing().nics(domid)) {
                    ctx.out().print(String.format("%-3d %-2d ", n.devid(), n.backendId()) + mac(n.mac())
                            + String.format("%6d %5d %6d %5d/%-11d %-30s\n", n.devid(), (int) n.state(),
                                    (int) n.evtch(), (int) n.rrefTx(), (int) n.rrefRx(), n.backend()));
                }
            }
        }
        return 0;
    }

    /** LIBXL_MAC_FMT of the parsed MAC: lower-case, two digits per octet. */
    private static String mac(String s) {
        StringBuilder out = new StringBuilder();
        String[] parts = s.split("[^0-9a-fA-F]");
        if (parts.length != 6) {
            return "00:00:00:00:00:00";
        }
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                out.append(':');
            }
            int v = Integer.parseInt(parts[i].isEmpty() ? "0" : parts[i], 16) & 0xff;
            out.append(String.format("%02x", v));
        }
        return out.toString();
    }
}
