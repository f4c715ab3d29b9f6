package io.xlj.xenstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to xenstored, safe to share between threads.
 *
 * <pre>{@code
 * try (XenstoreClient xs = XenstoreClient.open()) {
 *     xs.write("/local/domain/5/name", "web");
 *     xs.runInTransaction(tx -> { tx.write(...); tx.mkdir(...); return null; });
 *     try (WatchQueue w = xs.watchQueue("@releaseDomain")) { w.take(); }
 * }
 * }</pre>
 *
 * <p>Node operations are those of {@link XenstoreOps}; the same code runs inside a
 * {@link Transaction}. Watch callbacks run on one dedicated thread, in event order, so a
 * slow callback delays later callbacks but never a reply.
 */
public final class XenstoreClient extends OpsBase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(XenstoreClient.class);

    /** Where dom0's xenstored listens unless XENSTORED_PATH or XENSTORED_RUNDIR say otherwise. */
    public static final Path DEFAULT_SOCKET = Path.of("/run/xenstored/socket");
    /** The kernel device used when xenstored lives in another domain. */
    public static final Path XENBUS_DEVICE = Path.of("/dev/xen/xenbus");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_TRANSACTION_ATTEMPTS = 200;

    /** Opens a fresh transport to the same place; used at start and to reconnect. */
    interface Connector {
        Transport connect() throws IOException;
    }

    private final Connector connector;
    private final boolean reconnect;
    private final Object reconnectLock = new Object();
    private volatile XsConnection connection;
    private volatile boolean closed;
    private Thread reconnector;
    private final Duration timeout;
    private final DirectoryPartSupport directoryPart = new DirectoryPartSupport();
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final AtomicLong nextToken = new AtomicLong();
    private final String tokenPrefix;
    private final ExecutorService callbacks;

    private XenstoreClient(Connector connector, Transport first, Duration timeout, boolean reconnect) {
        this.connector = connector;
        this.reconnect = reconnect;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.tokenPrefix = "xlj-" + Long.toHexString(System.identityHashCode(this)) + "-";
        this.callbacks = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "xenstore-watch-callbacks");
            t.setDaemon(true);
            return t;
        });
        this.connection = newConnection(first);
    }

    private XsConnection newConnection(Transport transport) {
        return new XsConnection(transport, timeout, this::onEvent, this::onConnectionLost);
    }

    /**
     * Opens the usual connection: the socket named by XENSTORED_PATH, else
     * $XENSTORED_RUNDIR/socket, else /run/xenstored/socket; if there is no socket but
     * there is /dev/xen/xenbus, that device.
     */
    public static XenstoreClient open() {
        Path socket = defaultSocketPath();
        if (!Files.exists(socket) && Files.exists(XENBUS_DEVICE)) {
            return openXenbus(XENBUS_DEVICE, DEFAULT_TIMEOUT);
        }
        return openSocket(socket, DEFAULT_TIMEOUT);
    }

    /** The socket path libxenstore would use. */
    public static Path defaultSocketPath() {
        return defaultSocketPath(System.getenv());
    }

    static Path defaultSocketPath(Map<String, String> env) {
        String path = env.get("XENSTORED_PATH");
        if (path != null && !path.isEmpty()) {
            return Path.of(path);
        }
        String rundir = env.get("XENSTORED_RUNDIR");
        if (rundir != null && !rundir.isEmpty()) {
            return Path.of(rundir, "socket");
        }
        return DEFAULT_SOCKET;
    }

    public static XenstoreClient openSocket(Path socket) {
        return openSocket(socket, DEFAULT_TIMEOUT);
    }

    /** Connects to a xenstored socket; {@code timeout} is the default for every call. */
    public static XenstoreClient openSocket(Path socket, Duration timeout) {
        return openSocket(socket, timeout, false);
    }

    /**
     * Connects to a xenstored socket. With {@code reconnect}, a lost connection (say,
     * xenstored restarted) is re-opened in the background and this client's watches are
     * registered again (each then fires its initial event, a cue to re-read state).
     * Calls in flight when the connection drops fail; calls made while reconnecting
     * wait for the new connection up to their timeout. Open transactions are lost.
     */
    public static XenstoreClient openSocket(Path socket, Duration timeout, boolean reconnect) {
        Connector connector = () -> new UnixSocketTransport(socket);
        try {
            return new XenstoreClient(connector, connector.connect(), timeout, reconnect);
        } catch (IOException e) {
            throw new XenstoreException("ECONNREFUSED", "connect", null,
                    "cannot connect to xenstored socket " + socket + ": " + e.getMessage()
                            + " (is xenstored running?)", e);
        }
    }

    public static XenstoreClient openXenbus(Path device, Duration timeout) {
        Connector connector = () -> new XenbusTransport(device);
        try {
            return new XenstoreClient(connector, connector.connect(), timeout, false);
        } catch (IOException e) {
            throw new XenstoreException("ENODEV", "connect", null,
                    "cannot open " + device + ": " + e.getMessage(), e);
        }
    }

    @Override
    XsConnection connection() {
        XsConnection c = connection;
        if (c.isOpen() || !reconnect || closed) {
            return c;
        }
        // Reconnecting: wait (up to the call timeout) for the new connection.
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (reconnectLock) {
            while (!connection.isOpen() && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(reconnectLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return connection;
        }
    }

    /** Called once by a connection that failed (not one we closed). */
    private void onConnectionLost(XsConnection lost) {
        if (!reconnect || closed) {
            return;
        }
        synchronized (reconnectLock) {
            if (reconnector != null || lost != connection) {
                return;
            }
            reconnector = new Thread(this::reconnectLoop, "xenstore-reconnect");
            reconnector.setDaemon(true);
            reconnector.start();
        }
    }

    private void reconnectLoop() {
        long delayMillis = 20;
        while (!closed) {
            try {
                XsConnection c = newConnection(connector.connect());
                synchronized (reconnectLock) {
                    if (closed) {
                        c.close();
                        return;
                    }
                    connection = c;
                    directoryPart.reset();
                }
                for (Watch w : watches.values()) {
                    c.watchAdded();
                    try {
                        c.await(c.send(XsType.WATCH, 0, Payload.strings(w.path(), w.token()), w.path()), timeout);
                    } catch (XenstoreException e) {
                        LOG.warn("could not re-register watch on {} after reconnecting: {}", w.path(), e.getMessage());
                    }
                }
                LOG.info("reconnected to xenstored at {}; {} watch(es) re-registered", c.describe(), watches.size());
                synchronized (reconnectLock) {
                    reconnector = null;
                    reconnectLock.notifyAll();
                }
                if (!c.isOpen()) {
                    onConnectionLost(c); // lost again while re-registering
                }
                return;
            } catch (IOException e) {
                LOG.debug("xenstored not back yet: {}", e.getMessage());
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                return;
            }
            delayMillis = Math.min(1000, delayMillis * 2);
        }
    }

    @Override
    int txId() {
        return 0;
    }

    @Override
    Duration timeout() {
        return timeout;
    }

    @Override
    DirectoryPartSupport directoryPartSupport() {
        return directoryPart;
    }

    /** Where this client is connected, e.g. {@code socket /run/xenstored/socket}. */
    public String describe() {
        return connection.describe();
    }

    /** False once closed, or once the daemon went away. */
    public boolean isOpen() {
        return connection.isOpen();
    }

    /**
     * The same node operations with a different timeout per call, e.g.
     * {@code xs.withTimeout(Duration.ofMillis(200)).read(path)}.
     */
    public XenstoreOps withTimeout(Duration callTimeout) {
        Objects.requireNonNull(callTimeout, "callTimeout");
        XenstoreClient client = this;
        return new OpsBase() {
            @Override
            XsConnection connection() {
                return client.connection();
            }

            @Override
            int txId() {
                return 0;
            }

            @Override
            Duration timeout() {
                return callTimeout;
            }

            @Override
            DirectoryPartSupport directoryPartSupport() {
                return client.directoryPart;
            }
        };
    }

    // ---- transactions ----

    /** Starts a transaction; close it (or use try-with-resources) to abort if not committed. */
    public Transaction transaction() {
        XsConnection c = connection();
        String id = c.await(c.send(XsType.TRANSACTION_START, 0, Payload.strings(""), null), timeout).text();
        try {
            return new Transaction(this, c, Integer.parseUnsignedInt(id));
        } catch (NumberFormatException e) {
            throw new XenstoreException("EPROTO", "TRANSACTION_START", null,
                    "xenstored answered '" + id + "', not a transaction id");
        }
    }

    /**
     * Runs {@code body} in a transaction and commits; when xenstored answers EAGAIN
     * (another client changed what the transaction touched), waits a little (random,
     * growing) and runs the body again. Any other failure aborts and is thrown.
     */
    public <T> T runInTransaction(Function<? super Transaction, ? extends T> body) {
        for (int attempt = 1; ; attempt++) {
            try (Transaction tx = transaction()) {
                T result = body.apply(tx);
                if (tx.tryCommit()) {
                    return result;
                }
            } catch (XenstoreException e) {
                if (!e.isAgain()) {
                    throw e;
                }
            }
            if (attempt >= MAX_TRANSACTION_ATTEMPTS) {
                throw new XenstoreException("EAGAIN", "TRANSACTION_END", null,
                        "transaction still conflicted after " + attempt + " attempts");
            }
            backoff(attempt);
        }
    }

    private static void backoff(int attempt) {
        long capMicros = Math.min(50_000, 100L << Math.min(attempt, 9));
        long micros = ThreadLocalRandom.current().nextLong(capMicros / 2, capMicros + 1);
        try {
            TimeUnit.MICROSECONDS.sleep(micros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XenstoreException("EINTR", "TRANSACTION_END", null,
                    "interrupted while waiting to retry a transaction", e);
        }
    }

    // ---- watches ----

    /** Watches a path (or {@code @introduceDomain} / {@code @releaseDomain}); events go to the callback. */
    public Watch watch(String path, Consumer<WatchEvent> callback) {
        Objects.requireNonNull(callback, "callback");
        return register(new Watch(this, path, newToken(), callback));
    }

    /**
     * Watches a path with a callback that runs on the thread reading the connection, in
     * order with the replies: when a call on this client returns, the callbacks of every
     * event xenstored sent before that call's reply have run. So a round trip after a
     * change acknowledged elsewhere proves its event has been seen ({@link WatchedReads}).
     * The callback must be quick and must not block or call xenstored.
     */
    Watch watchInline(String path, Consumer<WatchEvent> callback) {
        Objects.requireNonNull(callback, "callback");
        return register(new Watch(this, path, newToken(), callback, true));
    }

    /** Watches a path; events are put in the returned queue. */
    public WatchQueue watchQueue(String path) {
        return register(WatchQueue.create(this, path, newToken()));
    }

    private String newToken() {
        return tokenPrefix + nextToken.incrementAndGet();
    }

    private <W extends Watch> W register(W w) {
        XsLimits.checkWatchPath("WATCH", w.path());
        // Registered first: the daemon sends the initial event right after its reply.
        watches.put(w.token(), w);
        XsConnection c = connection();
        c.watchAdded();
        try {
            c.await(c.send(XsType.WATCH, 0, Payload.strings(w.path(), w.token()), w.path()), timeout);
        } catch (XenstoreException e) {
            watches.remove(w.token());
            c.watchRemoved();
            throw e;
        }
        return w;
    }

    void unwatch(Watch w) {
        if (watches.remove(w.token()) == null) {
            return;
        }
        XsConnection c = connection;
        c.watchRemoved();
        if (!c.isOpen()) {
            return;
        }
        call(XsType.UNWATCH, w.path(), Payload.strings(w.path(), w.token()));
    }

    /** Raw UNWATCH for a path and token this client did not register itself. */
    public void unwatch(String path, String token) {
        XsLimits.checkWatchPath("UNWATCH", path);
        XsLimits.checkToken("UNWATCH", path, token);
        call(XsType.UNWATCH, path, Payload.strings(path, token));
    }

    /** Drops all watches and transactions of this connection (RESET_WATCHES). */
    public void resetWatches() {
        call(XsType.RESET_WATCHES, null, Payload.strings(""));
        watches.clear();
        connection.watchesCleared();
    }

    private void onEvent(WatchEvent e) {
        Watch w = watches.get(e.token());
        if (w == null) {
            LOG.debug("event for unknown watch token {} on {}", e.token(), e.path());
            return;
        }
        if (w.isInline()) {
            w.callback().accept(e); // a queue add or a counter: never blocks
            return;
        }
        callbacks.execute(() -> {
            if (w.isClosed()) {
                return;
            }
            try {
                w.callback().accept(e);
            } catch (RuntimeException ex) {
                LOG.warn("watch callback for {} (token {}) failed", w.path(), w.token(), ex);
            }
        });
    }

    // ---- domains ----

    /** {@code /local/domain/<domid>}, as the daemon says. */
    public String getDomainPath(int domid) {
        return call(XsType.GET_DOMAIN_PATH, null, Payload.strings(Integer.toString(domid))).text();
    }

    /** Tells xenstored about a new domain's ring page (mfn/gfn) and event channel. */
    public void introduceDomain(int domid, long mfn, int eventChannel) {
        call(XsType.INTRODUCE, "domain " + domid, Payload.strings(Integer.toString(domid),
                Long.toUnsignedString(mfn), Integer.toString(eventChannel)));
    }

    public void releaseDomain(int domid) {
        call(XsType.RELEASE, "domain " + domid, Payload.strings(Integer.toString(domid)));
    }

    public boolean isDomainIntroduced(int domid) {
        String answer = call(XsType.IS_DOMAIN_INTRODUCED, "domain " + domid,
                Payload.strings(Integer.toString(domid))).text();
        return "T".equals(answer);
    }

    public void resumeDomain(int domid) {
        call(XsType.RESUME, "domain " + domid, Payload.strings(Integer.toString(domid)));
    }

    /** Lets {@code domid} (a device-model stub domain) act on {@code target}'s nodes. */
    public void setTarget(int domid, int target) {
        call(XsType.SET_TARGET, "domain " + domid, Payload.strings(Integer.toString(domid),
                Integer.toString(target)));
    }

    /** A CONTROL (formerly DEBUG) command, e.g. {@code control("print", "hello")}; returns the text reply. */
    public String control(String... args) {
        if (args.length == 0) {
            throw new XenstoreException("EINVAL", "CONTROL", null, "no command given (refused before sending)");
        }
        return call(XsType.CONTROL, null, Payload.strings(args)).text();
    }

    /** The watches this client has registered and not closed. */
    public List<Watch> watches() {
        return new ArrayList<>(watches.values());
    }

    @Override
    public void close() {
        synchronized (reconnectLock) {
            closed = true;
            reconnectLock.notifyAll();
        }
        connection.close();
        callbacks.shutdown();
        watches.clear();
    }
}
