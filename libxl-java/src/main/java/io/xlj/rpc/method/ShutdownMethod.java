package io.xlj.rpc.method;

import io.xlj.rpc.DomainService;

/** {@code shutdown}: like {@code xl shutdown <domain>}. */
public final class ShutdownMethod extends DomainActionMethod {

    @Override
    public String name() {
        return "shutdown";
    }

    @Override
    void apply(DomainService service, int domid) {
        service.shutdown(domid);
    }
}
