package io.xlj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A JSON-RPC error object: code, message, optional data. */
public record RpcError(int code, String message, JsonNode data) {

    public RpcError(int code, String message) {
        this(code, message, null);
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonRpc.mapper().createObjectNode().put("code", code).put("message", message);
        if (data != null) {
            n.set("data", data);
        }
        return n;
    }

    public static RpcError fromJson(JsonNode n) {
        JsonNode data = n.get("data");
        return new RpcError(n.path("code").asInt(JsonRpc.INTERNAL_ERROR), n.path("message").asText(""), data);
    }
}
