package io.xlj.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/** One JSON-RPC method of xljd. Implementations are small and stateless. */
public interface RpcMethod {

    String name();

    /** Whether the method changes anything: the read-only socket refuses those. */
    boolean mutating();

    /**
     * Runs the call. Operations on one domain go through {@link CallContext#queues()}.
     *
     * @param params the request's params (an empty object when absent)
     * @return the JSON-RPC result
     * @throws RpcException for errors to report as such
     * @throws DomainServiceException when the toolstack operation fails
     */
    JsonNode call(JsonNode params, CallContext ctx);
}
