package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

import java.util.List;

/**
 * libxl_domain_config, the Java twin of what xl hands to libxl_domain_create_new, and its
 * JSON exactly as libxl_domain_config_to_json prints it (what {@code xl -N create} shows).
 */
public record DomainConfig(
        DomainCreateInfo cInfo, DomainBuildInfo bInfo,
        List<? extends LibxlJson.Writable> disks, List<? extends LibxlJson.Writable> nics,
        List<? extends LibxlJson.Writable> pcidevs, List<? extends LibxlJson.Writable> rdms,
        List<? extends LibxlJson.Writable> dtdevs, List<? extends LibxlJson.Writable> vfbs,
        List<? extends LibxlJson.Writable> vkbs, List<? extends LibxlJson.Writable> vtpms,
        List<? extends LibxlJson.Writable> p9s, List<? extends LibxlJson.Writable> pvcallsifs,
        List<? extends LibxlJson.Writable> vdispls, List<? extends LibxlJson.Writable> vsnds,
        List<? extends LibxlJson.Writable> channels, List<? extends LibxlJson.Writable> usbctrls,
        List<? extends LibxlJson.Writable> usbdevs,
        ActionOnShutdown onPoweroff, ActionOnShutdown onReboot, ActionOnShutdown onWatchdog,
        ActionOnShutdown onCrash, ActionOnShutdown onSoftReset) implements LibxlJson.Writable {

    public DomainConfig {
        disks = List.copyOf(disks);
        nics = List.copyOf(nics);
        pcidevs = List.copyOf(pcidevs);
        rdms = List.copyOf(rdms);
        dtdevs = List.copyOf(dtdevs);
        vfbs = List.copyOf(vfbs);
        vkbs = List.copyOf(vkbs);
        vtpms = List.copyOf(vtpms);
        p9s = List.copyOf(p9s);
        pvcallsifs = List.copyOf(pvcallsifs);
        vdispls = List.copyOf(vdispls);
        vsnds = List.copyOf(vsnds);
        channels = List.copyOf(channels);
        usbctrls = List.copyOf(usbctrls);
        usbdevs = List.copyOf(usbdevs);
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        w.key("c_info");
        cInfo.writeJson(w);
        w.key("b_info");
        bInfo.writeJson(w);
        LibxlJson.array(w, "disks", disks);
        LibxlJson.array(w, "nics", nics);
        LibxlJson.array(w, "pcidevs", pcidevs);
        LibxlJson.array(w, "rdms", rdms);
        LibxlJson.array(w, "dtdevs", dtdevs);
        LibxlJson.array(w, "vfbs", vfbs);
        LibxlJson.array(w, "vkbs", vkbs);
        LibxlJson.array(w, "vtpms", vtpms);
        LibxlJson.array(w, "p9s", p9s);
        LibxlJson.array(w, "pvcallsifs", pvcallsifs);
        LibxlJson.array(w, "vdispls", vdispls);
        LibxlJson.array(w, "vsnds", vsnds);
        LibxlJson.array(w, "channels", channels);
        LibxlJson.array(w, "usbctrls", usbctrls);
        LibxlJson.array(w, "usbdevs", usbdevs);
        LibxlJson.enumeration(w, "on_poweroff", onPoweroff, ActionOnShutdown.DESTROY);
        LibxlJson.enumeration(w, "on_reboot", onReboot, ActionOnShutdown.DESTROY);
        LibxlJson.enumeration(w, "on_watchdog", onWatchdog, ActionOnShutdown.DESTROY);
        LibxlJson.enumeration(w, "on_crash", onCrash, ActionOnShutdown.DESTROY);
        LibxlJson.enumeration(w, "on_soft_reset", onSoftReset, ActionOnShutdown.DESTROY);
        w.endObject();
    }

    /** The whole document as libxl_domain_config_to_json returns it (final newline included). */
    public String toJson() {
        YajlWriter w = new YajlWriter();
        writeJson(w);
        return w.toString();
    }
}
