package io.xlj.cli;

import io.xlj.rpc.DomainService;
import io.xlj.rpc.MethodTable;
import io.xlj.rpc.RpcServer;
import io.xlj.rpc.UnixSockets;
import io.xlj.xen.SdNotify;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code xljd}, the toolstack daemon: JSON-RPC 2.0 over Unix sockets (protocol in
 * {@link io.xlj.rpc}). Started by systemd (socket activation on standard input, readiness
 * through sd_notify) or by hand, when it binds its sockets itself.
 */
public final class Xljd {

    /** The backend used unless {@code --backend} names another {@link DomainService} class. */
    static final String DEFAULT_BACKEND = "io.xlj.cli.ToolstackDomainService";

    private Xljd() {
    }

    public static void main(String[] args) {
        XljdOptions opts;
        try {
            opts = XljdOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("xljd: " + e.getMessage());
            System.err.println(XljdOptions.USAGE);
            System.exit(2);
            return;
        }
        if (opts.help()) {
            System.out.println(XljdOptions.USAGE);
            return;
        }
        chooseLogging(opts);
        Logger log = LoggerFactory.getLogger(Xljd.class);
        try {
            run(opts, log);
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            log.error("xljd: {}", e.getMessage(), e);
            System.err.println("xljd: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(XljdOptions opts, Logger log)
            throws IOException, ReflectiveOperationException, InterruptedException {
        DomainService service = loadBackend(opts.backend());
        List<RpcServer.Listener> listeners = new ArrayList<>();
        List<Path> bound = new ArrayList<>();
        Optional<ServerSocketChannel> inherited = UnixSockets.inherited();
        if (inherited.isPresent()) {
            log.info("socket activated: serving the socket on standard input");
            listeners.add(new RpcServer.Listener(inherited.get(), false));
        } else {
            listeners.add(new RpcServer.Listener(UnixSockets.bind(opts.socket(), opts.socketMode(), null), false));
            bound.add(opts.socket());
        }
        if (opts.roGroup() != null) {
            listeners.add(new RpcServer.Listener(UnixSockets.bind(opts.roSocket(), "0660", opts.roGroup()), true));
            bound.add(opts.roSocket());
        }
        RpcServer server = new RpcServer(service, listeners, opts.serverOptions(),
                MethodTable.standard().with(new XlMethod()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            // The JDK leaves socket files behind; systemd removes its own (RemoveOnStop=yes).
            for (Path p : bound) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("cannot remove {}: {}", p, e.toString());
                }
            }
        }, "xljd-shutdown"));
        server.start();
        try {
            SdNotify.notify("READY=1\nSTATUS=serving " + (inherited.isPresent() ? "the activated socket" : opts.socket()));
        } catch (IllegalStateException e) {
            log.warn("{}", e.getMessage());
        }
        log.info("xljd ready (backend {})", service.getClass().getName());
        server.awaitTermination();
    }

    private static DomainService loadBackend(String className) throws ReflectiveOperationException {
        Class<?> c;
        try {
            c = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new ClassNotFoundException("no toolstack backend: class " + className + " not found", e);
        }
        if (!DomainService.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException("backend " + className + " is not a " + DomainService.class.getName());
        }
        try {
            return (DomainService) c.getDeclaredConstructor().newInstance();
        } catch (java.lang.reflect.InvocationTargetException e) {
            // The backend's own failure (no Xen, no xenstored): its message, not reflection's.
            if (e.getCause() instanceof RuntimeException r) {
                throw new IllegalStateException("backend " + className + ": " + r.getMessage(), r);
            }
            throw e;
        }
    }

    /**
     * Journald priorities on standard output under systemd (it sets JOURNAL_STREAM), a log
     * file otherwise; an explicit -Dlogback.configurationFile wins.
     */
    /**
     * Whether standard output is the journal stream systemd named in JOURNAL_STREAM
     * ("DEVICE:INODE"). A daemon that bin/xl started from a systemd service inherits the
     * variable with its output on /dev/null, so the variable alone is not enough
     * (systemd.exec(5) says to compare the two).
     */
    static boolean stdoutIsTheJournal(String journalStream) {
        if (journalStream == null || !journalStream.matches("\\d+:\\d+")) {
            return false;
        }
        try {
            Path out = Path.of("/proc/self/fd/1");
            long dev = ((Number) Files.getAttribute(out, "unix:dev")).longValue();
            long ino = ((Number) Files.getAttribute(out, "unix:ino")).longValue();
            return journalStream.equals(dev + ":" + ino);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void chooseLogging(XljdOptions opts) {
        // XLJ_LOG_LEVEL=DEBUG: the steps of every create and destroy with their times (a
        // daemon that bin/xl starts inherits the caller's environment).
        String level = System.getenv("XLJ_LOG_LEVEL");
        if (level != null && !level.isBlank() && System.getProperty("xlj.logLevel") == null) {
            System.setProperty("xlj.logLevel", level.trim().toUpperCase(java.util.Locale.ROOT));
        }
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        if (stdoutIsTheJournal(System.getenv("JOURNAL_STREAM"))) {
            System.setProperty("logback.configurationFile", "io/xlj/cli/xljd-journald.xml");
        } else {
            System.setProperty("xlj.logFile", opts.logFile().toString());
            System.setProperty("logback.configurationFile", "io/xlj/cli/xljd-file.xml");
        }
    }
}
