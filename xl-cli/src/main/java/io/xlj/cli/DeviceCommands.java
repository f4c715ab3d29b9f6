package io.xlj.cli;

import io.xlj.libxl.Toolstack;
import io.xlj.libxl.device.DeviceException;
import io.xlj.libxl.device.Devices;

/** What the block-* and network-* commands share: the device facade and libxl's error line. */
final class DeviceCommands {

    private DeviceCommands() {
    }

    static Devices devices(Toolstack ts) {
        return new Devices(ts.xenCtrl(), ts.xenstore(), ts.userdata());
    }

    /**
     * libxl's "libxl: error: ..." lines for a failed device operation: libxl's own where xlj
     * knows them, else one "Domain N:<text>" line.
     */
    static void libxlError(XlContext ctx, int domid, Exception e) {
        if (e instanceof DeviceException d && !d.libxlLines().isEmpty()) {
            d.libxlLines().forEach(l -> ctx.err().print("libxl: error: " + l + "\n"));
            return;
        }
        ctx.err().print("libxl: error: Domain " + domid + ":" + e.getMessage() + "\n");
    }
}
