package io.xlj.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.xlj.rpc.CallContext;
import io.xlj.rpc.JsonRpc;
import io.xlj.rpc.Params;
import io.xlj.rpc.RpcException;
import io.xlj.rpc.RpcMethod;

/** {@code domname}: params {@code {"domid": n}}, result {@code {"name": s}}, like {@code xl domname}. */
public final class DomnameMethod implements RpcMethod {

    @Override
    public String name() {
        return "domname";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public JsonNode call(JsonNode params, CallContext ctx) {
        int domid = Params.domid(params, "domid");
        String name = ctx.service().domname(domid).orElseThrow(
                () -> new RpcException(JsonRpc.NO_SUCH_DOMAIN, "Can't get domain name of domain id '" + domid
                        + "', maybe this domain does not exist."));
        return JsonRpc.mapper().createObjectNode().put("name", name);
    }
}
