package io.xlj.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.xlj.rpc.CallContext;
import io.xlj.rpc.DomainQueues;
import io.xlj.rpc.DomainService;
import io.xlj.rpc.JsonRpc;
import io.xlj.rpc.Params;
import io.xlj.rpc.RpcMethod;

/**
 * A mutating method on one existing domain, params {@code {"domain": name-or-id}}, result
 * {@code {"domid": n}}; run in that domain's queue.
 */
abstract class DomainActionMethod implements RpcMethod {

    @Override
    public final boolean mutating() {
        return true;
    }

    @Override
    public final JsonNode call(JsonNode params, CallContext ctx) {
        int domid = Params.domain(params, ctx.service());
        ctx.queues().run(DomainQueues.domainKey(domid), () -> {
            apply(ctx.service(), domid);
            return null;
        });
        return JsonRpc.mapper().createObjectNode().put("domid", domid);
    }

    abstract void apply(DomainService service, int domid);
}
