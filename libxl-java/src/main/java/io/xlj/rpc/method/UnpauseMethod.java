package io.xlj.rpc.method;

import io.xlj.rpc.DomainService;

/** {@code unpause}: like {@code xl unpause <domain>}. */
public final class UnpauseMethod extends DomainActionMethod {

    @Override
    public String name() {
        return "unpause";
    }

    @Override
    void apply(DomainService service, int domid) {
        service.unpause(domid);
    }
}
