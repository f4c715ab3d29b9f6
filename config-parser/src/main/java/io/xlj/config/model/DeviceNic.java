package io.xlj.config.model;

import static io.xlj.config.model.JsonFields.defbool;
import static io.xlj.config.model.JsonFields.enumeration;
import static io.xlj.config.model.JsonFields.integer;
import static io.xlj.config.model.JsonFields.string;
import static io.xlj.config.model.JsonFields.uint64;

import io.xlj.config.json.YajlWriter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * libxl_device_nic, fields in IDL order (libxl_types.idl). The many COLO strings live in
 * {@link #colo} keyed by {@link NicColo}, which keeps their IDL order for JSON.
 *
 * @param rateBytesPerInterval uint64
 * @param rateIntervalUsecs    uint32
 */
public record DeviceNic(
        long backendDomid,
        String backendDomname,
        int devid,
        int mtu,
        String model,
        Mac mac,
        String ip,
        String bridge,
        String ifname,
        String script,
        NicType nictype,
        long rateBytesPerInterval,
        long rateIntervalUsecs,
        String gatewaydev,
        Map<NicColo, String> colo,
        Defbool trusted) implements LibxlJson {

    public DeviceNic {
        EnumMap<NicColo, String> copy = new EnumMap<>(NicColo.class);
        copy.putAll(colo);
        colo = Collections.unmodifiableMap(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.backendDomid = backendDomid;
        b.backendDomname = backendDomname;
        b.devid = devid;
        b.mtu = mtu;
        b.model = model;
        b.mac = mac;
        b.ip = ip;
        b.bridge = bridge;
        b.ifname = ifname;
        b.script = script;
        b.nictype = nictype;
        b.rateBytesPerInterval = rateBytesPerInterval;
        b.rateIntervalUsecs = rateIntervalUsecs;
        b.gatewaydev = gatewaydev;
        b.colo.putAll(colo);
        b.trusted = trusted;
        return b;
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        integer(w, "backend_domid", backendDomid);
        string(w, "backend_domname", backendDomname);
        integer(w, "devid", devid, -1);
        integer(w, "mtu", mtu);
        string(w, "model", model);
        if (!mac.isZero()) {
            JsonFields.object(w, "mac", mac);
        }
        string(w, "ip", ip);
        string(w, "bridge", bridge);
        string(w, "ifname", ifname);
        string(w, "script", script);
        enumeration(w, "nictype", nictype);
        uint64(w, "rate_bytes_per_interval", rateBytesPerInterval);
        integer(w, "rate_interval_usecs", rateIntervalUsecs);
        string(w, "gatewaydev", gatewaydev);
        for (Map.Entry<NicColo, String> e : colo.entrySet()) {
            string(w, e.getKey().field(), e.getValue());
        }
        defbool(w, "trusted", trusted);
        w.endObject();
    }

    /** Mutable twin used while parsing; starts as libxl_device_nic_init leaves it. */
    public static final class Builder {
        public long backendDomid;
        public String backendDomname;
        public int devid = -1;
        public int mtu;
        public String model;
        public Mac mac = Mac.ZERO;
        public String ip;
        public String bridge;
        public String ifname;
        public String script;
        public NicType nictype = NicType.UNKNOWN;
        public long rateBytesPerInterval;
        public long rateIntervalUsecs;
        public String gatewaydev;
        public final EnumMap<NicColo, String> colo = new EnumMap<>(NicColo.class);
        public Defbool trusted = Defbool.DEFAULT;

        public DeviceNic build() {
            return new DeviceNic(backendDomid, backendDomname, devid, mtu, model, mac, ip, bridge,
                    ifname, script, nictype, rateBytesPerInterval, rateIntervalUsecs, gatewaydev,
                    colo, trusted);
        }
    }
}
