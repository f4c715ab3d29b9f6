package io.xlj.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * The wire format shared by {@link RpcServer} and {@link RpcClient}: JSON-RPC 2.0, one compact
 * JSON object per line (NDJSON, UTF-8, {@code \n}-terminated), error codes, the size limit.
 */
public final class JsonRpc {

    public static final String VERSION = "2.0";

    /** Longest request line accepted, newline excluded: 1 MiB (a domain config is a few KiB). */
    public static final int MAX_REQUEST_BYTES = 1 << 20;

    // JSON-RPC 2.0's own codes.
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    // xljd's application codes (the range -32000..-32099 is left to servers by the spec).
    /** The toolstack operation failed; data carries errno, errnoName and xl's message. */
    public static final int OPERATION_FAILED = -32000;
    /** The caller may not use this method on this socket. */
    public static final int NOT_PERMITTED = -32001;
    /** No domain has the given name or id. */
    public static final int NO_SUCH_DOMAIN = -32002;
    /** The subscriber read events too slowly; it is disconnected. */
    public static final int SUBSCRIBER_OVERFLOW = -32003;
    /** The daemon serves too many connections already. */
    public static final int TOO_MANY_CONNECTIONS = -32004;

    /** Notification method carrying one lifecycle event ({@link DomainEvent}). */
    public static final String EVENT_NOTIFICATION = "event";
    /** Notification method carrying an error that ends the connection. */
    public static final String ERROR_NOTIFICATION = "error";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.INDENT_OUTPUT)
            // "{} junk" is malformed, not a request followed by noise.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonRpc() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** One message as it goes on the wire: compact JSON plus the newline. */
    public static byte[] line(JsonNode message) {
        try {
            // Straight to UTF-8 bytes: no String of the message and no second copy to encode it.
            byte[] json = MAPPER.writeValueAsBytes(message);
            byte[] line = Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    public static ObjectNode request(String method, JsonNode params, JsonNode id) {
        ObjectNode n = MAPPER.createObjectNode().put("jsonrpc", VERSION).put("method", method);
        if (params != null) {
            n.set("params", params);
        }
        if (id != null) {
            n.set("id", id);
        }
        return n;
    }

    public static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode n = MAPPER.createObjectNode().put("jsonrpc", VERSION);
        n.set("result", result == null ? MAPPER.nullNode() : result);
        n.set("id", id == null ? MAPPER.nullNode() : id);
        return n;
    }

    public static ObjectNode error(JsonNode id, RpcError error) {
        ObjectNode n = MAPPER.createObjectNode().put("jsonrpc", VERSION);
        n.set("error", error.toJson());
        n.set("id", id == null ? MAPPER.nullNode() : id);
        return n;
    }

    public static ObjectNode notification(String method, JsonNode params) {
        return request(method, params, null);
    }
}
