package io.xlj.cli;

import io.xlj.config.GlobalConfig;
import io.xlj.config.model.DeviceNic;
import io.xlj.config.spec.NicSpecParser;
import io.xlj.config.spec.SpecException;
import io.xlj.libxl.Toolstack;
import io.xlj.libxl.ToolstackException;
import io.xlj.libxl.device.DeviceException;
import io.xlj.xen.XenException;
import io.xlj.xenstore.XenstoreException;

/**
 * {@code xl network-attach <Domain> [key=value...]} (xl_nic.c main_networkattach): the
 * nic starts from xl.conf's vif defaults, then each argument is one parse_nic_config
 * token; with -N the libxl_device_nic is printed as JSON, else it is attached
 * (libxl_device_nic_add).
 */
final class NetworkAttachCommand implements XlCommand {

    @Override
    public int run(XlContext ctx, String[] args) {
        CommandOptions o = ctx.options(args, "", null, "network-attach", 1);
        while (o.next() != -1) {
            // no options
        }
        String[] rest = o.remaining();
        if (ctx.dryRun()) {
            // The oracle's pretend host has no domains: names fail as there.
            DomainQualifier.find(ctx, rest[0]);
        }
        GlobalConfig g = ctx.global();
        DeviceNic.Builder nic = DeviceNic.builder();
        new NicSpecParser.NicDefaults(g.defaultVifscript(), g.defaultBridge(), g.defaultGatewaydev(),
                g.defaultVifbackend()).applyTo(nic);
        try {
            for (int i = 1; i < rest.length; i++) {
                if (!NicSpecParser.applyToken(nic, "command line", rest[i], ctx.err()::print)) {
                    return 1;
                }
            }
        } catch (SpecException e) {
            throw new XlExit(e.exitCode());
        }
        if (ctx.dryRun()) {
            ctx.out().print("vif: " + nic.build().toJson() + "\n");
            return 0;
        }
        try (Toolstack ts = XenHost.open(ctx)) {
            int domid = XenHost.findDomain(ctx, ts, rest[0]);
            try {
                DeviceCommands.devices(ts).attachNic(domid, nic.build());
            } catch (DeviceException | ToolstackException | XenException | XenstoreException e) {
                DeviceCommands.libxlError(ctx, domid, e);
                ctx.err().print("libxl_device_nic_add failed.\n");
                return 1;
            }
        }
        return 0;
    }
}
