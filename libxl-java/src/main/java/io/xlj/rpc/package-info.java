/**
 * xljd's protocol: JSON-RPC 2.0, one compact JSON object per line, over Unix sockets.
 *
 * <p>The wire format and error codes are in {@link io.xlj.rpc.JsonRpc} (requests are limited to
 * {@link io.xlj.rpc.JsonRpc#MAX_REQUEST_BYTES} bytes), the server in {@link io.xlj.rpc.RpcServer}
 * (a thread per client; the root socket checks the peer's uid with SO_PEERCRED, the read-only
 * socket refuses mutating methods), one class per method in {@code io.xlj.rpc.method}, calls on
 * one domain serialised by {@link io.xlj.rpc.DomainQueues}, lifecycle events fanned out by a
 * non-blocking hub to bounded per-subscriber queues. The toolstack behind it is a
 * {@link io.xlj.rpc.DomainService}. {@link io.xlj.rpc.RpcClient} is the client for JVM tools.
 *
 * <p>The protocol for users, with socat examples: {@code xl-cli/PROTOCOL.md}.
 */
package io.xlj.rpc;
