package io.xlj.rpc.method;

import io.xlj.rpc.DomainService;

/** {@code destroy}: like {@code xl destroy <domain>}. */
public final class DestroyMethod extends DomainActionMethod {

    @Override
    public String name() {
        return "destroy";
    }

    @Override
    void apply(DomainService service, int domid) {
        service.destroy(domid);
    }
}
