package io.xlj.cli;

import io.xlj.rpc.JsonRpc;
import io.xlj.rpc.RpcServer;
import java.nio.file.Path;

/** xljd's command line. */
record XljdOptions(Path socket, String socketMode, Path roSocket, String roGroup, String backend, Path logFile,
        RpcServer.Options serverOptions, boolean help) {

    static final String USAGE = """
            Usage: xljd [options]
              --socket=PATH          root socket (default /run/xlj/xljd.sock), ignored when
                                     systemd passes the socket on standard input
              --socket-mode=MODE     its file mode (default 0600; only uid 0 is served anyway)
              --ro-group=GROUP       also listen on a read-only socket for GROUP (mode 0660)
              --ro-socket=PATH       the read-only socket (default /run/xlj/xljd-ro.sock)
              --backend=CLASS        DomainService implementation (default: the Xen toolstack)
              --log-file=PATH        log file when not under systemd (default /var/log/xlj/xljd.log)
              --max-connections=N    concurrent clients (default 1024)
              --event-queue=N        events a subscriber may lag behind before it is dropped (default 1024)
              --help""";

    static XljdOptions parse(String[] args) {
        Path socket = Path.of("/run/xlj/xljd.sock");
        String mode = "0600";
        Path roSocket = Path.of("/run/xlj/xljd-ro.sock");
        String roGroup = null;
        String backend = Xljd.DEFAULT_BACKEND;
        Path logFile = Path.of("/var/log/xlj/xljd.log");
        RpcServer.Options d = RpcServer.Options.defaults();
        int maxConnections = d.maxConnections();
        int eventQueue = d.eventQueueCapacity();
        boolean help = false;
        for (String a : args) {
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            String value = eq < 0 ? null : a.substring(eq + 1);
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--socket" -> socket = Path.of(required(name, value));
                case "--socket-mode" -> mode = mode(required(name, value));
                case "--ro-socket" -> roSocket = Path.of(required(name, value));
                case "--ro-group" -> roGroup = required(name, value);
                case "--backend" -> backend = required(name, value);
                case "--log-file" -> logFile = Path.of(required(name, value));
                case "--max-connections" -> maxConnections = positive(name, required(name, value));
                case "--event-queue" -> eventQueue = positive(name, required(name, value));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new XljdOptions(socket, mode, roSocket, roGroup, backend, logFile,
                new RpcServer.Options(maxConnections, eventQueue, JsonRpc.MAX_REQUEST_BYTES), help);
    }

    private static String required(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " needs a value (" + name + "=...)");
        }
        return value;
    }

    private static String mode(String v) {
        if (!v.matches("0?[0-7]{3}")) {
            throw new IllegalArgumentException("--socket-mode: not an octal mode: " + v);
        }
        return v;
    }

    private static int positive(String name, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": not a positive number: " + v);
    }
}
