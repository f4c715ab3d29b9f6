package io.xlj.libxl;

import io.xlj.xen.DomainInfo;

/**
 * One row of libxl_list_domain: the hypervisor's view of a domain plus its name from
 * xenstore (null when /local/domain/N/name is missing, which xl prints as "(null)").
 */
public record DomainSummary(DomainInfo info, String name) {

    public int domid() {
        return info.domid();
    }
}
