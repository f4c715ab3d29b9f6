package io.xlj.libxl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xlj.xen.FdPassingSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A minimal QMP client for a device model's control socket: the greeting, qmp_capabilities,
 * then one command at a time, events skipped. A command can carry a file descriptor
 * (SCM_RIGHTS) for QEMU's {@code add-fd}, as libxl's cdrom insertion does.
 */
final class Qmp implements AutoCloseable {

    /** libxl gives a command 10 s; TCG is slower: a stuck qemu is cut off after 60 s. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FdPassingSocket socket;
    private final BufferedReader in;
    private int id;

    private Qmp(FdPassingSocket socket) {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.inputStream(), StandardCharsets.UTF_8));
    }

    static Qmp open(Path path) throws IOException {
        Qmp q = new Qmp(FdPassingSocket.connect(path, READ_TIMEOUT));
        try {
            JsonNode greeting = q.read();
            if (!greeting.has("QMP")) {
                throw new IOException("no QMP greeting: " + greeting);
            }
            q.execute("qmp_capabilities");
            return q;
        } catch (IOException | RuntimeException e) {
            q.close();
            throw e;
        }
    }

    JsonNode execute(String command) throws IOException {
        return execute(command, null, null);
    }

    /**
     * @param args     the command's arguments, or null
     * @param passFile a file QEMU receives opened read-only with the command, or null
     * @return the command's "return"
     * @throws IOException with QEMU's error description, or open(2)'s for the file
     */
    JsonNode execute(String command, ObjectNode args, Path passFile) throws IOException {
        ObjectNode request = JSON.createObjectNode().put("execute", command);
        if (args != null) {
            request.set("arguments", args);
        }
        int myId = ++id;
        request.put("id", myId);
        byte[] line = (JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
        if (passFile != null) {
            socket.write(line, passFile);
        } else {
            socket.write(line);
        }
        while (true) {
            JsonNode r = read();
            if (r.path("id").asInt(-1) != myId) {
                continue; // an event
            }
            if (r.has("error")) {
                throw new IOException(command + ": " + r.path("error").path("desc").asText());
            }
            return r.path("return");
        }
    }

    static ObjectNode args() {
        return JSON.createObjectNode();
    }

    private JsonNode read() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new ClosedException();
        }
        return JSON.readTree(line);
    }

    /** QEMU closed the connection (it exited, or crashed). */
    static final class ClosedException extends IOException {
        private static final long serialVersionUID = 1L;

        ClosedException() {
            super("QMP connection closed");
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
