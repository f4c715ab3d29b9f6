package io.xlj.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validated JSON-RPC request. {@code id} is null for a notification (no reply is sent),
 * otherwise a string, number or JSON null node.
 */
public record RpcRequest(String method, JsonNode params, JsonNode id) {

    public boolean isNotification() {
        return id == null;
    }

    /**
     * Validates one parsed message against JSON-RPC 2.0.
     *
     * @throws RpcException {@link JsonRpc#INVALID_REQUEST} naming what is wrong
     */
    public static RpcRequest of(JsonNode n) {
        if (!n.isObject()) {
            throw new RpcException(JsonRpc.INVALID_REQUEST,
                    n.isArray() ? "batch requests are not supported: send one object per line"
                            : "a request must be a JSON object");
        }
        if (!JsonRpc.VERSION.equals(n.path("jsonrpc").textValue())) {
            throw new RpcException(JsonRpc.INVALID_REQUEST, "\"jsonrpc\" must be \"2.0\"");
        }
        JsonNode method = n.get("method");
        if (method == null || !method.isTextual()) {
            throw new RpcException(JsonRpc.INVALID_REQUEST, "\"method\" must be a string");
        }
        JsonNode id = n.get("id");
        if (id != null && !(id.isTextual() || id.isNumber() || id.isNull())) {
            throw new RpcException(JsonRpc.INVALID_REQUEST, "\"id\" must be a string, a number or null");
        }
        JsonNode params = n.get("params");
        if (params != null && !(params.isObject() || params.isArray())) {
            throw new RpcException(JsonRpc.INVALID_REQUEST, "\"params\" must be an object or an array");
        }
        return new RpcRequest(method.textValue(), params, id);
    }

    /** The id to echo in an error reply: the request's if it had a usable one. */
    public static JsonNode idOf(JsonNode n) {
        JsonNode id = n != null && n.isObject() ? n.get("id") : null;
        return id != null && (id.isTextual() || id.isNumber()) ? id : null;
    }
}
