package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

import java.util.List;

/**
 * libxl_domain_config, the Java twin of what xl hands to libxl_domain_create_new, and its
 * JSON exactly as libxl_domain_config_to_json prints it (what {@code xl -N create} shows).
 */
public record DomainConfig(
        DomainCreateInfo cInfo, DomainBuildInfo bInfo,
        List<? extends LibxlJson> disks, List<? extends LibxlJson> nics,
        List<? extends LibxlJson> pcidevs, List<? extends LibxlJson> rdms,
        List<? extends LibxlJson> dtdevs, List<? extends LibxlJson> vfbs,
        List<? extends LibxlJson> vkbs, List<? extends LibxlJson> vtpms,
        List<? extends LibxlJson> p9s, List<? extends LibxlJson> pvcallsifs,
        List<? extends LibxlJson> vdispls, List<? extends LibxlJson> vsnds,
        List<? extends LibxlJson> channels, List<? extends LibxlJson> usbctrls,
        List<? extends LibxlJson> usbdevs,
        ActionOnShutdown onPoweroff, ActionOnShutdown onReboot, ActionOnShutdown onWatchdog,
        ActionOnShutdown onCrash, ActionOnShutdown onSoftReset) implements LibxlJson {

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
        IdlJson.array(w, "disks", disks);
        IdlJson.array(w, "nics", nics);
        IdlJson.array(w, "pcidevs", pcidevs);
        IdlJson.array(w, "rdms", rdms);
        IdlJson.array(w, "dtdevs", dtdevs);
        IdlJson.array(w, "vfbs", vfbs);
        IdlJson.array(w, "vkbs", vkbs);
        IdlJson.array(w, "vtpms", vtpms);
        IdlJson.array(w, "p9s", p9s);
        IdlJson.array(w, "pvcallsifs", pvcallsifs);
        IdlJson.array(w, "vdispls", vdispls);
        IdlJson.array(w, "vsnds", vsnds);
        IdlJson.array(w, "channels", channels);
        IdlJson.array(w, "usbctrls", usbctrls);
        IdlJson.array(w, "usbdevs", usbdevs);
        IdlJson.enumeration(w, "on_poweroff", onPoweroff, ActionOnShutdown.DESTROY);
        IdlJson.enumeration(w, "on_reboot", onReboot, ActionOnShutdown.DESTROY);
        IdlJson.enumeration(w, "on_watchdog", onWatchdog, ActionOnShutdown.DESTROY);
        IdlJson.enumeration(w, "on_crash", onCrash, ActionOnShutdown.DESTROY);
        IdlJson.enumeration(w, "on_soft_reset", onSoftReset, ActionOnShutdown.DESTROY);
        w.endObject();
    }

    /** The whole document as libxl_domain_config_to_json returns it (final newline included). */
    public String toJson() {
        YajlWriter w = new YajlWriter();
        writeJson(w);
        return w.toString();
    }
}
