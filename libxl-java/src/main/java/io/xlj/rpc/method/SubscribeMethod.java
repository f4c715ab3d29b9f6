package io.xlj.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.xlj.rpc.CallContext;
import io.xlj.rpc.JsonRpc;
import io.xlj.rpc.RpcMethod;

/**
 * {@code subscribe}: from the reply on, the connection receives every lifecycle event as an
 * {@code event} notification. A subscriber that falls too far behind gets an {@code error}
 * notification (code -32003) and is disconnected, so it never holds up the daemon.
 */
public final class SubscribeMethod implements RpcMethod {

    @Override
    public String name() {
        return "subscribe";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public JsonNode call(JsonNode params, CallContext ctx) {
        ctx.session().subscribe();
        return JsonRpc.mapper().createObjectNode().put("subscribed", true);
    }
}
