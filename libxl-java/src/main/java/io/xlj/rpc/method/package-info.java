/** xljd's JSON-RPC methods, one class each; {@link io.xlj.rpc.MethodTable} lists them. */
package io.xlj.rpc.method;
