package io.xlj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xlj.libxl.CreateFaults;
import io.xlj.rpc.CallContext;
import io.xlj.rpc.JsonRpc;
import io.xlj.rpc.Params;
import io.xlj.rpc.RpcException;
import io.xlj.rpc.RpcMethod;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code xl}: one xl command line run inside xljd for the thin client ({@code lib/xl-client},
 * which bin/xl runs first): the same code as a JVM of its own would run, with the client's
 * program name, working directory and terminal, its output streamed back as it is written.
 * This is what lets {@code xl list} cost a socket round trip instead of a JVM start.
 *
 * <p>Text crosses as ISO-8859-1: each byte of an argument or of the output is one char
 * U+0000..U+00FF of a JSON string, so no byte is lost whatever the locale.
 *
 * <pre>
 * → {"jsonrpc":"2.0","id":1,"method":"xl","params":{"argv":["xl","list"],"cwd":"/root","stdoutTerminal":false}}
 * ← {"jsonrpc":"2.0","method":"output","params":{"fd":1,"data":"Name   ID ...\n"}}
 * ← {"jsonrpc":"2.0","id":1,"result":{"status":0}}
 * </pre>
 * A result with {@code "exec": [argv]} asks the client to run that program on its terminal
 * in its own place ({@code xl console} execs xenconsole, as xl does).
 */
final class XlMethod implements RpcMethod {

    private static final Logger LOG = LoggerFactory.getLogger(XlMethod.class);

    /** The caller's environment variables that xl's code reads; the client sends these only. */
    static final List<String> ENVIRONMENT = List.of("XLJ_STACKTRACE", "XLJ_FAULT_AT");

    /** Output of one stream becomes "output" notifications of at most this many bytes. */
    private static final int CHUNK = 1 << 16;

    @Override
    public String name() {
        return "xl";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public JsonNode call(JsonNode params, CallContext ctx) {
        List<String> argv = strings(params, "argv");
        if (argv.isEmpty()) {
            throw RpcException.invalidParams("\"argv\" must hold at least the program name");
        }
        Path cwd = Path.of(Params.string(params, "cwd"));
        if (!cwd.isAbsolute()) {
            throw RpcException.invalidParams("\"cwd\" must be an absolute path");
        }
        AtomicReference<List<String>> exec = new AtomicReference<>();
        XlInvocation caller = new XlInvocation(argv.get(0), cwd, callerPid(params), Params.boolOr(params, "stdoutTerminal", false),
                environment(params), program -> {
                    exec.set(List.copyOf(program));
                    return 0;
                }, ctx.service() instanceof ToolstackDomainService daemon ? daemon.xlBuilder() : RealCreate.OWN_TOOLSTACK);
        // C stdio's buffering, as in Xl.main: stdout line-buffered on a terminal, else fully; stderr unbuffered.
        PrintStream out = new PrintStream(new BufferedOutputStream(new OutputNotifier(ctx, 1), CHUNK),
                caller.stdoutTerminal(), StandardCharsets.ISO_8859_1);
        PrintStream err = new PrintStream(new OutputNotifier(ctx, 2), true, StandardCharsets.ISO_8859_1);
        long start = System.nanoTime();
        String[] args = argv.subList(1, argv.size()).toArray(new String[0]);
        // The lab's fault injection (CreateFaults), for this command line only.
        int status = CreateFaults.injecting(caller.env().get("XLJ_FAULT_AT"), () -> Xl.run(caller, args, out, err));
        LOG.info("xl {} (in {}): exit {} after {} ms{}", String.join(" ", argv.subList(1, argv.size())), cwd,
                status, (System.nanoTime() - start) / 1_000_000, out.checkError() ? ", client gone" : "");
        ObjectNode result = JsonRpc.mapper().createObjectNode().put("status", status);
        if (exec.get() != null) {
            ArrayNode a = result.putArray("exec");
            exec.get().forEach(a::add);
        }
        return result;
    }

    /** The client's "pid" (optional: a client that does not say is named by the daemon's own). */
    private static long callerPid(JsonNode params) {
        JsonNode v = params.get("pid");
        if (v == null) {
            return ProcessHandle.current().pid();
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() <= 0) {
            throw RpcException.invalidParams("\"pid\" must be a positive integer");
        }
        return v.asLong();
    }

    private static List<String> strings(JsonNode params, String name) {
        JsonNode v = params.get(name);
        if (v == null || !v.isArray()) {
            throw RpcException.invalidParams("\"" + name + "\" must be an array of strings");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw RpcException.invalidParams("\"" + name + "\" must be an array of strings");
            }
            list.add(latin1(name, e.textValue()));
        }
        return list;
    }

    private static Map<String, String> environment(JsonNode params) {
        JsonNode v = params.get("env");
        Map<String, String> env = new HashMap<>();
        if (v == null) {
            return env;
        }
        if (!v.isObject()) {
            throw RpcException.invalidParams("\"env\" must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw RpcException.invalidParams("\"env\" must be an object of strings");
            }
            env.put(e.getKey(), latin1("env", e.getValue().textValue()));
        }
        return env;
    }

    /** Arguments are bytes: a char above U+00FF cannot have come from the client's argv. */
    private static String latin1(String name, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                throw RpcException.invalidParams("\"" + name + "\" must hold bytes as U+0000..U+00FF");
            }
        }
        return s;
    }

    /** Bytes written to one of the caller's streams, sent on as "output" notifications. */
    private static final class OutputNotifier extends OutputStream {

        private final CallContext ctx;
        private final int fd;

        OutputNotifier(CallContext ctx, int fd) {
            this.ctx = ctx;
            this.fd = fd;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int done = 0; done < len; done += CHUNK) {
                String data = new String(b, off + done, Math.min(CHUNK, len - done), StandardCharsets.ISO_8859_1);
                ctx.session().notify("output", JsonRpc.mapper().createObjectNode().put("fd", fd).put("data", data));
            }
        }
    }
}
