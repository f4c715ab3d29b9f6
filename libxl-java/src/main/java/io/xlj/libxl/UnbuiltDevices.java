package io.xlj.libxl;

import io.xlj.config.model.DomainConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The device kinds of xl.cfg that libxl builds and xlj does not yet: a config with any of
 * them is refused by name, never created without them.
 */
final class UnbuiltDevices {

    private UnbuiltDevices() {
    }

    /** @throws ToolstackException naming every such kind the config has */
    static void refuse(DomainConfig c, String guestType) {
        List<String> kinds = new ArrayList<>();
        add(kinds, "vfb", c.vfbs());
        add(kinds, "vkb", c.vkbs());
        add(kinds, "pci", c.pcidevs());
        add(kinds, "vtpm", c.vtpms());
        add(kinds, "p9", c.p9s());
        add(kinds, "pvcalls", c.pvcallsifs());
        add(kinds, "vdispl", c.vdispls());
        add(kinds, "vsnd", c.vsnds());
        add(kinds, "usbctrl", c.usbctrls());
        add(kinds, "usbdev", c.usbdevs());
        add(kinds, "dtdev", c.dtdevs());
        if (!kinds.isEmpty()) {
            throw new ToolstackException("config", null, "devices other than disks, vifs and channels (here: "
                    + String.join(", ", kinds) + ") are not supported for " + guestType + " guests yet");
        }
    }

    private static void add(List<String> kinds, String name, List<?> devices) {
        if (devices != null && !devices.isEmpty()) {
            kinds.add(name);
        }
    }
}
