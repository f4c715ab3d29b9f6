package io.xlj.cli;

import io.xlj.libxl.Toolstack;
import io.xlj.libxl.device.Devices;

/** What the block-* and network-* commands share: the device facade and libxl's error line. */
final class DeviceCommands {

    private DeviceCommands() {
    }

    static Devices devices(Toolstack ts) {
        return new Devices(ts.xenCtrl(), ts.xenstore(), ts.userdata());
    }

    /** libxl's "libxl: error: ... Domain N:<text>" line for a failed device operation. */
    static void libxlError(XlContext ctx, int domid, Exception e) {
        ctx.err().print("libxl: error: Domain " + domid + ":" + e.getMessage() + "\n");
    }
}
