package io.xlj.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.xlj.rpc.CallContext;
import io.xlj.rpc.DomainEntry;
import io.xlj.rpc.JsonRpc;
import io.xlj.rpc.RpcMethod;

/** {@code list}: every domain, like {@code xl list}. Result: an array of DomainEntry. */
public final class ListMethod implements RpcMethod {

    @Override
    public String name() {
        return "list";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public JsonNode call(JsonNode params, CallContext ctx) {
        ArrayNode rows = JsonRpc.mapper().createArrayNode();
        for (DomainEntry e : ctx.service().list()) {
            e.into(rows.addObject());
        }
        return rows;
    }
}
