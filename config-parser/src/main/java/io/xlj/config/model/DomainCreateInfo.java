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
                               Defbool xendSuspendEvtchnCompat) implements LibxlJson {

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        IdlJson.enumeration(w, "type", type, DomainType.INVALID);
        IdlJson.defbool(w, "hap", hap);
        IdlJson.defbool(w, "oos", oos);
        IdlJson.uint32(w, "ssidref", ssidref, 0);
        IdlJson.string(w, "ssid_label", ssidLabel);
        IdlJson.string(w, "name", name);
        IdlJson.integer(w, "domid", domid, 0);
        IdlJson.string(w, "uuid", uuid);
        IdlJson.keyValueList(w, "xsdata", xsdata);
        IdlJson.keyValueList(w, "platformdata", platformdata);
        IdlJson.uint32(w, "poolid", poolid, 0);
        IdlJson.string(w, "pool_name", poolName);
        IdlJson.defbool(w, "run_hotplug_scripts", runHotplugScripts);
        IdlJson.defbool(w, "driver_domain", driverDomain);
        IdlJson.enumeration(w, "passthrough", passthrough, Passthrough.DEFAULT);
        IdlJson.defbool(w, "xend_suspend_evtchn_compat", xendSuspendEvtchnCompat);
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
