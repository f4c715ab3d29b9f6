package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/**
 * The keyed union b_info.u of libxl_domain_build_info, keyed by b_info.type. Its JSON
 * member is named "type.hvm", "type.pv", "type.pvh" (or "type.invalid").
 */
public sealed interface TypeInfo extends LibxlJson
        permits HvmBuildInfo, PvBuildInfo, PvhBuildInfo, TypeInfo.Invalid {

    DomainType type();

    /** LIBXL_DOMAIN_TYPE_INVALID: the union has no member; libxl prints an empty map. */
    record Invalid() implements TypeInfo {
        @Override
        public DomainType type() {
            return DomainType.INVALID;
        }

        @Override
        public void writeJson(YajlWriter w) {
            w.beginObject().endObject();
        }
    }
}
