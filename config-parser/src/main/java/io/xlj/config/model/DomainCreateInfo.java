package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

import java.util.Map;

/**
 * libxl_domain_create_info (d_config.c_info). uuid is the canonical lower-case text form
 * or null for the nil uuid; ssidref and poolid are C uint32s.
 */
public record DomainCreateInfo(DomainType type, Defbool hap, Defbool oos, long ssidref, String ssidLabel,
                               String name, long domid, String uuid, Map<String, String> xsdata,
                               Map<String, String> platformdata, long poolid, String poolName,
                               Defbool runHotplugScripts, Defbool driverDomain, Passthrough passthrough,
                               Defbool xendSuspendEvtchnCompat) implements LibxlJson.Writable {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        LibxlJson.enumeration(w, "type", type, DomainType.INVALID);
        LibxlJson.defbool(w, "hap", hap);
        LibxlJson.defbool(w, "oos", oos);
        LibxlJson.uint32(w, "ssidref", ssidref, 0);
        LibxlJson.string(w, "ssid_label", ssidLabel);
        LibxlJson.string(w, "name", name);
        LibxlJson.integer(w, "domid", domid, 0);
        LibxlJson.string(w, "uuid", uuid);
        LibxlJson.keyValueList(w, "xsdata", xsdata);
        LibxlJson.keyValueList(w, "platformdata", platformdata);
        LibxlJson.uint32(w, "poolid", poolid, 0);
        LibxlJson.string(w, "pool_name", poolName);
        LibxlJson.defbool(w, "run_hotplug_scripts", runHotplugScripts);
        LibxlJson.defbool(w, "driver_domain", driverDomain);
        LibxlJson.enumeration(w, "passthrough", passthrough, Passthrough.DEFAULT);
        LibxlJson.defbool(w, "xend_suspend_evtchn_compat", xendSuspendEvtchnCompat);
        w.endObject();
    }

    /** Mutable twin used while parsing; starts as libxl_domain_create_info_init leaves it. */
    public static final class Builder {
        public DomainType type = DomainType.INVALID;
        public Defbool hap = Defbool.DEFAULT;
        public Defbool oos = Defbool.DEFAULT;
        public long ssidref;
        public String ssidLabel;
        public String name;
        public long domid;
        public String uuid;
        public Map<String, String> xsdata = Map.of();
        public Map<String, String> platformdata = Map.of();
        public long poolid;
        public String poolName;
        public Defbool runHotplugScripts = Defbool.DEFAULT;
        public Defbool driverDomain = Defbool.DEFAULT;
        public Passthrough passthrough = Passthrough.DEFAULT;
        public Defbool xendSuspendEvtchnCompat = Defbool.DEFAULT;

        public DomainCreateInfo build() {
            return new DomainCreateInfo(type, hap, oos, ssidref, ssidLabel, name, domid, uuid, xsdata,
                    platformdata, poolid, poolName, runHotplugScripts, driverDomain, passthrough,
                    xendSuspendEvtchnCompat);
        }
    }
}
