package io.xlj.libxl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeviceModel's QMP client against a scripted qemu: greeting, capabilities, events skipped, errors. */
class QmpClientTest {

    @TempDir
    Path dir;

    /** Serves one connection: the greeting, then for each command line the next scripted reply lines. */
    private List<String> serve(Path sock, List<List<String>> replies) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(sock));
        List<String> received = new ArrayList<>();
        Thread t = new Thread(() -> {
            try (server; SocketChannel c = server.accept()) {
                OutputStream out = Channels.newOutputStream(c);
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c),
                        StandardCharsets.UTF_8));
                out.write("{\"QMP\": {\"version\": {}, \"capabilities\": []}}\n".getBytes(StandardCharsets.UTF_8));
                for (List<String> reply : replies) {
                    String line = in.readLine();
                    if (line == null) {
                        return;
                    }
                    synchronized (received) {
                        received.add(line);
                    }
                    for (String r : reply) {
                        out.write((r + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
                in.readLine();
            } catch (IOException ignored) {
                // the client went away
            }
        });
        t.setDaemon(true);
        t.start();
        return received;
    }

    @Test
    void queryChardevAfterCapabilitiesSkippingEvents() throws IOException {
        Path sock = dir.resolve("qmp");
        List<String> got = serve(sock, List.of(
                List.of("{\"return\": {}, \"id\": 1}"),
                List.of("{\"event\": \"RESUME\", \"timestamp\": {}}",
                        "{\"return\": [{\"frontend-open\": false, \"filename\": \"pty:/dev/pts/3\", \"label\": \"serial0\"}],"
                                + " \"id\": 2}")));
        try (Qmp qmp = Qmp.open(sock)) {
            JsonNode r = qmp.execute("query-chardev");
            assertThat(r.get(0).path("filename").asText()).isEqualTo("pty:/dev/pts/3");
        }
        assertThat(got).containsExactly("{\"execute\":\"qmp_capabilities\",\"id\":1}",
                "{\"execute\":\"query-chardev\",\"id\":2}");
    }

    @Test
    void anErrorReplyFailsTheCommand() throws IOException {
        Path sock = dir.resolve("qmp2");
        serve(sock, List.of(List.of("{\"return\": {}, \"id\": 1}"),
                List.of("{\"error\": {\"class\": \"GenericError\", \"desc\": \"nope\"}, \"id\": 2}")));
        try (Qmp qmp = Qmp.open(sock)) {
            assertThatThrownBy(() -> qmp.execute("cont")).isInstanceOf(IOException.class).hasMessageContaining("nope");
        }
    }

    @Test
    void noSocketNoClient() {
        assertThatThrownBy(() -> Qmp.open(dir.resolve("none"))).isInstanceOf(IOException.class);
        assertThat(Files.exists(dir.resolve("none"))).isFalse();
    }
}
