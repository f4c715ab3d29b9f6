package io.xlj.config.model;

import static io.xlj.config.model.JsonFields.bool;
import static io.xlj.config.model.JsonFields.enumeration;
import static io.xlj.config.model.JsonFields.integer;
import static io.xlj.config.model.JsonFields.string;

import io.xlj.config.json.YajlWriter;

/**
 * libxl_device_pci. func, dev and bus are C uint8s; vdevfn and vfunc_mask uint32s;
 * rdm_policy defaults to "invalid" (-1).
 */
public record DevicePci(int func, int dev, int bus, int domain, long vdevfn, long vfuncMask,
                        boolean msitranslate, boolean powerMgmt, boolean permissive, boolean seize,
                        RdmReservePolicy rdmPolicy, String name) implements LibxlJson {

    /** LIBXL_PCI_FUNC_ALL. */
    public static final long FUNC_ALL = 0xFFFF_FFFFL;

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        integer(w, "func", func & 0xff);
        integer(w, "dev", dev & 0xff);
        integer(w, "bus", bus & 0xff);
        integer(w, "domain", domain);
        integer(w, "vdevfn", vdevfn & 0xffffffffL);
        integer(w, "vfunc_mask", vfuncMask & 0xffffffffL);
        bool(w, "msitranslate", msitranslate);
        bool(w, "power_mgmt", powerMgmt);
        bool(w, "permissive", permissive);
        bool(w, "seize", seize);
        enumeration(w, "rdm_policy", rdmPolicy, RdmReservePolicy.INVALID.value());
        string(w, "name", name);
        w.endObject();
    }

    /** Mutable twin for parsing; starts as libxl_device_pci_init leaves it. */
    public static final class Builder {
        public int func;
        public int dev;
        public int bus;
        public int domain;
        public long vdevfn;
        public long vfuncMask;
        public boolean msitranslate;
        public boolean powerMgmt;
        public boolean permissive;
        public boolean seize;
        public RdmReservePolicy rdmPolicy = RdmReservePolicy.INVALID;
        public String name;

        public DevicePci build() {
            return new DevicePci(func, dev, bus, domain, vdevfn, vfuncMask, msitranslate, powerMgmt, permissive,
                    seize, rdmPolicy, name);
        }
    }
}
