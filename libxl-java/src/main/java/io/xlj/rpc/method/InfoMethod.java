package io.xlj.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.xlj.rpc.CallContext;
import io.xlj.rpc.JsonRpc;
import io.xlj.rpc.RpcMethod;

/** {@code info}: host and hypervisor facts, like {@code xl info}. */
public final class InfoMethod implements RpcMethod {

    @Override
    public String name() {
        return "info";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public JsonNode call(JsonNode params, CallContext ctx) {
        return JsonRpc.mapper().valueToTree(ctx.service().info());
    }
}
