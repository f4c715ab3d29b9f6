package io.xlj.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.xlj.rpc.CallContext;
import io.xlj.rpc.JsonRpc;
import io.xlj.rpc.Params;
import io.xlj.rpc.RpcException;
import io.xlj.rpc.RpcMethod;

/** {@code domid}: params {@code {"name": s}}, result {@code {"domid": n}}, like {@code xl domid}. */
public final class DomidMethod implements RpcMethod {

    @Override
    public String name() {
        return "domid";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public JsonNode call(JsonNode params, CallContext ctx) {
        String name = Params.string(params, "name");
        int domid = ctx.service().domid(name).orElseThrow(
                () -> new RpcException(JsonRpc.NO_SUCH_DOMAIN, "Can't get domid of domain name '" + name
                        + "', maybe this domain does not exist."));
        return JsonRpc.mapper().createObjectNode().put("domid", domid);
    }
}
