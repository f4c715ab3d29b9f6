package io.xlj.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.xlj.rpc.CallContext;
import io.xlj.rpc.JsonRpc;
import io.xlj.rpc.RpcMethod;

/**
 * {@code version}: the daemon's version and protocol revision, answered without touching
 * the toolstack (a cheap liveness probe).
 */
public final class VersionMethod implements RpcMethod {

    /** Raised when a method's params or result change incompatibly. */
    public static final int PROTOCOL = 1;

    @Override
    public String name() {
        return "version";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public JsonNode call(JsonNode params, CallContext ctx) {
        String v = VersionMethod.class.getPackage().getImplementationVersion();
        return JsonRpc.mapper().createObjectNode().put("xlj", v == null ? "dev" : v).put("protocol", PROTOCOL);
    }
}
