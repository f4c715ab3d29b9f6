package io.xlj.rpc.method;

import io.xlj.rpc.DomainService;

/** {@code reboot}: like {@code xl reboot <domain>}. */
public final class RebootMethod extends DomainActionMethod {

    @Override
    public String name() {
        return "reboot";
    }

    @Override
    void apply(DomainService service, int domid) {
        service.reboot(domid);
    }
}
