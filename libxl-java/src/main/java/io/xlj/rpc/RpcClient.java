package io.xlj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A client of xljd for other JVM tools. One call at a time (not thread-safe); event
 * notifications that arrive while waiting for a reply are kept for {@link #nextNotification()}.
 *
 * <pre>{@code
 * try (RpcClient c = RpcClient.connect(Path.of("/run/xlj/xljd.sock"))) {
 *     JsonNode domains = c.call("list", null);
 *     c.call("pause", c.params().put("domain", "guest1"));
 * }
 * }</pre>
 */
public final class RpcClient implements AutoCloseable {

    /** Replies can be long (a big list); the client accepts lines up to 64 MiB. */
    private static final int MAX_REPLY_BYTES = 64 << 20;

    /** xljd's root socket. */
    public static final Path DEFAULT_SOCKET = Path.of("/run/xlj/xljd.sock");

    private final SocketChannel channel;
    private final LineReader reader;
    private final Deque<JsonNode> notifications = new ArrayDeque<>();
    private long nextId = 1;

    private RpcClient(SocketChannel channel) {
        this.channel = channel;
        this.reader = new LineReader(channel, MAX_REPLY_BYTES);
    }

    public static RpcClient connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot connect to xljd at " + socket + ": " + e.getMessage(), e);
        }
        return new RpcClient(ch);
    }

    /** An empty params object to fill. */
    public ObjectNode params() {
        return JsonRpc.mapper().createObjectNode();
    }

    /**
     * Calls {@code method} and waits for its reply.
     *
     * @param params an object, or null for none
     * @return the result
     * @throws RpcException the error the daemon answered with
     * @throws IOException the connection failed or closed
     */
    public JsonNode call(String method, JsonNode params) throws IOException {
        long id = nextId++;
        try {
            send(JsonRpc.request(method, params, JsonRpc.mapper().getNodeFactory().numberNode(id)));
        } catch (IOException e) {
            // The daemon may have refused the connection (not root, too many clients) and
            // closed it before we wrote: its reason is waiting to be read.
            throw refusalOr(e);
        }
        while (true) {
            JsonNode msg = read();
            if (msg.has("method")) {
                notifications.add(msg);
                continue;
            }
            JsonNode rid = msg.get("id");
            if (msg.has("error") && (rid == null || rid.isNull())) {
                // Not an answer to any one request (refused connection, oversize line).
                throw new RpcException(RpcError.fromJson(msg.get("error")));
            }
            if (rid == null || !rid.canConvertToLong() || rid.longValue() != id) {
                throw new IOException("xljd answered id " + rid + " while waiting for " + id);
            }
            if (msg.has("error")) {
                throw new RpcException(RpcError.fromJson(msg.get("error")));
            }
            return msg.get("result");
        }
    }

    private IOException refusalOr(IOException writeFailure) throws RpcException {
        JsonNode msg;
        try {
            msg = read();
        } catch (IOException | RuntimeException e) {
            return writeFailure;
        }
        if (msg.has("error")) {
            throw new RpcException(RpcError.fromJson(msg.get("error")));
        }
        return writeFailure;
    }

    /** The next notification ({@code event} or {@code error}), waiting for it; null at end of stream. */
    public JsonNode nextNotification() throws IOException {
        if (!notifications.isEmpty()) {
            return notifications.poll();
        }
        try {
            return read();
        } catch (EOFException e) {
            return null;
        }
    }

    /** Sends one raw line as it is (tests, tools that build their own JSON). */
    public void sendRaw(byte[] line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Reads one message as it comes; {@link EOFException} when the daemon closed. */
    public JsonNode read() throws IOException {
        LineReader.Line line = reader.next();
        if (line == null) {
            throw new EOFException("xljd closed the connection");
        }
        if (line.oversize()) {
            throw new IOException("xljd sent a line of " + line.length() + " bytes, more than " + MAX_REPLY_BYTES);
        }
        return JsonRpc.mapper().readTree(line.bytes());
    }

    private void send(JsonNode msg) throws IOException {
        sendRaw(JsonRpc.line(msg));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
