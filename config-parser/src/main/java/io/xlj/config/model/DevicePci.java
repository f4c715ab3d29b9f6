package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/**
 * libxl_device_pci, fields in IDL order.
 *
 * @param func       uint8
 * @param dev        uint8
 * @param bus        uint8
 * @param vdevfn     uint32
 * @param vfuncMask  uint32
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
        JsonFields.integer(w, "func", func);
        JsonFields.integer(w, "dev", dev);
        JsonFields.integer(w, "bus", bus);
        JsonFields.integer(w, "domain", domain);
        JsonFields.integer(w, "vdevfn", vdevfn);
        JsonFields.integer(w, "vfunc_mask", vfuncMask);
        JsonFields.bool(w, "msitranslate", msitranslate);
        JsonFields.bool(w, "power_mgmt", powerMgmt);
        JsonFields.bool(w, "permissive", permissive);
        JsonFields.bool(w, "seize", seize);
        JsonFields.enumeration(w, "rdm_policy", rdmPolicy, RdmReservePolicy.INVALID.value());
        JsonFields.string(w, "name", name);
        w.endObject();
    }

    /** Mutable twin; starts as libxl_device_pci_init leaves it. */
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
            return new DevicePci(func, dev, bus, domain, vdevfn, vfuncMask, msitranslate, powerMgmt,
                    permissive, seize, rdmPolicy, name);
        }
    }
}
