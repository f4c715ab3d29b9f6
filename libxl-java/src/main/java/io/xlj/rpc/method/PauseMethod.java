package io.xlj.rpc.method;

import io.xlj.rpc.DomainService;

/** {@code pause}: like {@code xl pause <domain>}. */
public final class PauseMethod extends DomainActionMethod {

    @Override
    public String name() {
        return "pause";
    }

    @Override
    void apply(DomainService service, int domid) {
        service.pause(domid);
    }
}
