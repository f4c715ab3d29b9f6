package io.xlj.rpc;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * xljd's JSON-RPC server: accepts on one or more Unix sockets and runs each client on a
 * thread of its own, taken from a cache of idle ones: a new thread costs milliseconds in a PV
 * dom0 (its stack's page tables are hypercalls), and {@code xl} opens one connection per
 * command. On the root socket only uid 0 is served (checked with SO_PEERCRED); on the
 * read-only socket every peer that got through the file permissions is served, but for
 * queries only.
 */
public final class RpcServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    /** A listening socket and what its clients may do. */
    public record Listener(ServerSocketChannel channel, boolean readOnly) {
    }

    /** Tunables; {@link #defaults()} is what xljd uses unless told otherwise. */
    public record Options(int maxConnections, int eventQueueCapacity, int maxRequestBytes) {
        public static Options defaults() {
            return new Options(1024, 1024, JsonRpc.MAX_REQUEST_BYTES);
        }
    }

    private final DomainService service;
    private final List<Listener> listeners;
    private final Options options;
    private final MethodTable methods;
    private final DomainQueues queues = new DomainQueues();
    private final EventHub events = new EventHub();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionNumber = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "xljd-timer");
        t.setDaemon(true);
        return t;
    });
    private final List<Thread> acceptors = new ArrayList<>();
    /** Runs the connections; {@link Options#maxConnections()} bounds how many at once. */
    private final ExecutorService clients = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "xljd-client-idle");
        t.setDaemon(true);
        return t;
    });

    public RpcServer(DomainService service, List<Listener> listeners, Options options) {
        this(service, listeners, options, MethodTable.standard());
    }

    /** A server answering {@code methods} (the standard table with the CLI's own, in xljd). */
    public RpcServer(DomainService service, List<Listener> listeners, Options options, MethodTable methods) {
        this.service = service;
        this.methods = methods;
        this.listeners = List.copyOf(listeners);
        this.options = options;
        service.setEventListener(events);
    }

    /** Starts one accepting thread per socket and returns. */
    public void start() {
        for (Listener l : listeners) {
            Thread t = new Thread(() -> acceptLoop(l), "xljd-accept-" + address(l.channel()));
            t.start();
            acceptors.add(t);
        }
    }

    /** Blocks until every socket is closed. */
    public void awaitTermination() throws InterruptedException {
        for (Thread t : acceptors) {
            t.join();
        }
    }

    private void acceptLoop(Listener l) {
        String where = address(l.channel());
        LOG.info("listening on {}{}", where, l.readOnly() ? " (read-only)" : "");
        while (l.channel().isOpen()) {
            SocketChannel ch;
            try {
                ch = l.channel().accept();
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                // EMFILE and the like: wait a little instead of spinning, then go on serving.
                LOG.warn("accept on {}: {}", where, e.toString());
                sleepQuietly(100);
                continue;
            }
            try {
                admit(ch, l);
            } catch (RuntimeException | IOException e) {
                LOG.warn("{}: refused: {}", where, e.toString());
                closeQuietly(ch);
            }
        }
        LOG.info("stopped listening on {}", where);
    }

    private void admit(SocketChannel ch, Listener l) throws IOException {
        String label = "client-" + connectionNumber.incrementAndGet();
        UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        String user = peer.user().getName();
        label += "(" + user + ")";
        if (!l.readOnly() && !isRoot(user)) {
            LOG.warn("{}: refused on {}: not root", label, address(l.channel()));
            refuse(ch, JsonRpc.NOT_PERMITTED, "permission denied: only root may use " + address(l.channel())
                    + " (peer is " + user + "); use the read-only socket for queries");
            return;
        }
        if (connections.size() >= options.maxConnections()) {
            LOG.warn("{}: refused: {} connections already", label, connections.size());
            refuse(ch, JsonRpc.TOO_MANY_CONNECTIONS, "too many connections (limit " + options.maxConnections() + ")");
            return;
        }
        Connection c = new Connection(ch, label, l.readOnly(), this);
        connections.add(c);
        LOG.debug("{}: accepted", label);
        clients.execute(() -> {
            // The log names the client the thread serves.
            Thread self = Thread.currentThread();
            self.setName("xljd-" + c.label());
            try {
                c.run();
            } finally {
                self.setName("xljd-client-idle");
            }
        });
    }

    /** SO_PEERCRED's user principal names uid 0 "root" (getpwuid) or, lacking a passwd entry, "0". */
    private static boolean isRoot(String user) {
        return "root".equals(user) || "0".equals(user);
    }

    private static void refuse(SocketChannel ch, int code, String message) {
        try (ch) {
            byte[] line = JsonRpc.line(JsonRpc.error(null, new RpcError(code, message)));
            ch.configureBlocking(false);
            // Best effort: a fresh socket's buffer has room for one line.
            ch.write(java.nio.ByteBuffer.wrap(line));
        } catch (IOException e) {
            LOG.debug("refusal not delivered: {}", e.toString());
        }
    }

    static String address(ServerSocketChannel ch) {
        try {
            return ch.getLocalAddress() instanceof UnixDomainSocketAddress u ? u.getPath().toString()
                    : String.valueOf(ch.getLocalAddress());
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public void close() {
        for (Listener l : listeners) {
            closeQuietly(l.channel());
        }
        for (Connection c : connections) {
            c.close();
        }
        timer.shutdownNow();
        clients.shutdown();
    }

    void connectionClosed(Connection c) {
        connections.remove(c);
    }

    DomainService service() {
        return service;
    }

    DomainQueues queues() {
        return queues;
    }

    MethodTable methods() {
        return methods;
    }

    EventHub events() {
        return events;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    int eventQueueCapacity() {
        return options.eventQueueCapacity();
    }

    int maxRequestBytes() {
        return options.maxRequestBytes();
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("close: {}", e.toString());
        }
    }
}
