package io.xlj.rpc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client: reads request lines on its own thread, answers each in order. Nothing a client
 * sends can end the daemon: every failure becomes an error reply or closes this connection.
 */
final class Connection implements Runnable, CallContext.Session {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final SocketChannel channel;
    private final String label;
    private final boolean readOnly;
    private final RpcServer server;
    private final Object writeLock = new Object();
    private volatile Subscriber subscriber;
    private volatile Thread senderThread;
    /** The time of the last request's method, for the DEBUG line of its step times. */
    private long methodNanos;
    private String methodName;

    Connection(SocketChannel channel, String label, boolean readOnly, RpcServer server) {
        this.channel = channel;
        this.label = label;
        this.readOnly = readOnly;
        this.server = server;
    }

    /** "client-N(user)": the name of this connection in the log. */
    String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    @Override
    public void run() {
        try {
            LineReader reader = new LineReader(channel, server.maxRequestBytes());
            CallContext ctx = new CallContext(server.service(), server.queues(), this);
            LineReader.Line line;
            // Step times at DEBUG only: without it the clock is not read at all.
            long idleSince = clock();
            while ((line = reader.next()) != null) {
                long read = clock();
                methodNanos = 0;
                methodName = "request";
                ObjectNode reply = line.oversize()
                        ? JsonRpc.error(null, new RpcError(JsonRpc.INVALID_REQUEST, "request too large: "
                                + line.length() + " bytes, the limit is " + server.maxRequestBytes()))
                        : handle(line.bytes(), ctx);
                long handled = clock();
                byte[] out = reply == null ? null : JsonRpc.line(reply);
                long serialised = clock();
                if (out != null) {
                    write(out);
                }
                long written = clock();
                if (LOG.isDebugEnabled()) {
                    // Where a request's time goes in the daemon: the rest of a client's round
                    // trip is the socket and the client itself ("idle" before the request).
                    LOG.debug("{}: {} of {} bytes after {} us idle: parsed in {} us, method {} us, "
                            + "reply of {} bytes serialised in {} us, written in {} us", label, methodName, line.length(),
                            (read - idleSince) / 1000, (handled - read - methodNanos) / 1000, methodNanos / 1000,
                            out == null ? 0 : out.length, (serialised - handled) / 1000, (written - serialised) / 1000);
                }
                idleSince = clock();
            }
            // End of input. A subscriber may have only shut down its sending side
            // (`echo '{"method":"subscribe",...}' | socat ...`): events keep flowing until
            // a write fails or the subscription is dropped.
            Thread sender = senderThread;
            if (sender != null) {
                sender.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("{}: {}", label, e.toString());
        } catch (RuntimeException | Error e) {
            LOG.error("{}: connection failed", label, e);
        } finally {
            close();
            server.connectionClosed(this);
        }
    }

    /** System.nanoTime() when logging at DEBUG, else 0. */
    private static long clock() {
        return LOG.isDebugEnabled() ? System.nanoTime() : 0;
    }

    /** The reply to one request line, or null when none is due (notification, blank line). */
    ObjectNode handle(byte[] bytes, CallContext ctx) {
        JsonNode msg;
        try {
            msg = JsonRpc.mapper().readTree(bytes);
        } catch (JacksonException e) {
            return JsonRpc.error(null, new RpcError(JsonRpc.PARSE_ERROR, "parse error: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return JsonRpc.error(null, new RpcError(JsonRpc.PARSE_ERROR, "parse error: " + e.getMessage()));
        }
        if (msg == null || msg.isMissingNode()) {
            return null;
        }
        RpcRequest req;
        try {
            req = RpcRequest.of(msg);
        } catch (RpcException e) {
            return JsonRpc.error(RpcRequest.idOf(msg), e.error());
        }
        ObjectNode reply = call(req, ctx);
        return req.isNotification() ? null : reply;
    }

    private ObjectNode call(RpcRequest req, CallContext ctx) {
        Optional<RpcMethod> method = server.methods().get(req.method());
        if (method.isEmpty()) {
            return JsonRpc.error(req.id(), new RpcError(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + req.method()));
        }
        if (readOnly && method.get().mutating()) {
            return JsonRpc.error(req.id(), new RpcError(JsonRpc.NOT_PERMITTED, "permission denied: " + req.method()
                    + " changes domains; the read-only socket answers queries only"));
        }
        JsonNode params = req.params() == null ? JsonRpc.mapper().createObjectNode() : req.params();
        if (!params.isObject()) {
            return JsonRpc.error(req.id(), new RpcError(JsonRpc.INVALID_PARAMS, "params must be an object"));
        }
        methodName = req.method();
        long start = clock();
        try {
            JsonNode result = method.get().call(params, ctx);
            methodNanos = clock() - start;
            return JsonRpc.result(req.id(), result);
        } catch (RpcException e) {
            return JsonRpc.error(req.id(), e.error());
        } catch (DomainServiceException e) {
            ObjectNode data = JsonRpc.mapper().createObjectNode().put("errno", e.errno());
            if (e.errnoName() != null) {
                data.put("errnoName", e.errnoName());
            }
            data.put("xl", e.getMessage());
            LOG.info("{}: {} failed: {}", label, req.method(), e.getMessage());
            return JsonRpc.error(req.id(), new RpcError(JsonRpc.OPERATION_FAILED, e.getMessage(), data));
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("{}: {} failed", label, req.method(), e);
            return JsonRpc.error(req.id(), new RpcError(JsonRpc.INTERNAL_ERROR, "internal error: " + e));
        } finally {
            if (method.get().mutating()) {
                ctx.service().changed();
            }
        }
    }

    @Override
    public void subscribe() {
        synchronized (this) {
            if (subscriber != null) {
                return;
            }
            subscriber = new Subscriber(this, server.events(), server.eventQueueCapacity());
        }
        server.events().add(subscriber);
        Thread t = new Thread(subscriber, label + "-events");
        t.setDaemon(true);
        senderThread = t;
        t.start();
    }

    @Override
    public void notify(String method, JsonNode params) throws IOException {
        write(JsonRpc.line(JsonRpc.notification(method, params)));
    }

    void write(byte[] line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(line);
        synchronized (writeLock) {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    /** Closes after a grace period in which a pending error notification may still go out. */
    void closeLater() {
        ScheduledExecutorService timer = server.timer();
        timer.schedule(this::close, 2, TimeUnit.SECONDS);
    }

    void close() {
        Subscriber s = subscriber;
        if (s != null) {
            s.stop();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("{}: close: {}", label, e.toString());
        }
    }
}
