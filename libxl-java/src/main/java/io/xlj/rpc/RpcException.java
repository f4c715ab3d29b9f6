package io.xlj.rpc;

/** An error a method answers with (server side) or the server answered (client side). */
public class RpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient RpcError error;

    public RpcException(RpcError error) {
        super(error.message());
        this.error = error;
    }

    public RpcException(int code, String message) {
        this(new RpcError(code, message));
    }

    public RpcError error() {
        return error;
    }

    public int code() {
        return error.code();
    }

    public static RpcException invalidParams(String message) {
        return new RpcException(JsonRpc.INVALID_PARAMS, message);
    }
}
