package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_rdm_reserve (b_info.u.hvm.rdm). */
public record RdmReserve(RdmReserveStrategy strategy, RdmReservePolicy policy) implements LibxlJson {

    /** As libxl_domain_build_info_init_type leaves it for an HVM guest. */
    public static final RdmReserve DEFAULT = new RdmReserve(RdmReserveStrategy.IGNORE, RdmReservePolicy.INVALID);

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        IdlJson.enumeration(w, "strategy", strategy, RdmReserveStrategy.IGNORE);
        IdlJson.enumeration(w, "policy", policy, RdmReservePolicy.INVALID);
        w.endObject();
    }
}
