package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.xlj.rpc.RpcClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * xljd started the systemd way, checked with systemd's own tools: socket activation by
 * {@code systemd-socket-activate} (the socket on standard input, as StandardInput=socket
 * passes it), readiness through sd_notify to a real NOTIFY_SOCKET datagram listener (socat),
 * journald priority prefixes when JOURNAL_STREAM is set.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XljdActivationTest {

    private static final Path SOCKET_ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");
    private static final Path SOCAT = Path.of("/usr/bin/socat");

    @TempDir
    Path dir;

    @Test
    void socketActivatedDaemonServesTheInheritedSocket() throws Exception {
        assumeTrue(Files.isExecutable(SOCKET_ACTIVATE),
                "systemd-socket-activate (Debian package systemd) is not installed");
        Path act = dir.resolve("act.sock");
        Path unused = dir.resolve("unused.sock");
        // --inetd without --accept: the listening socket on stdin/stdout, like StandardInput=socket.
        try (DaemonProcess d = DaemonProcess.start(dir, "activated",
                List.of(SOCKET_ACTIVATE.toString(), "--inetd", "-l", act.toString()), List.of(),
                List.of(DaemonProcess.FAKE_BACKEND, "--socket=" + unused), act)) {
            for (int i = 0; i < 3; i++) {
                try (RpcClient c = RpcClient.connect(act)) {
                    assertThat(c.call("list", null).get(0).get("name").asText()).isEqualTo("Domain-0");
                }
            }
            assertThat(unused).as("xljd must not bind its own socket when activated").doesNotExist();
            assertThat(Files.readString(d.log)).contains("socket activated");
        }
    }

    @Test
    void readinessIsNotifiedToSystemd() throws Exception {
        assumeTrue(Files.isExecutable(SOCAT), "socat is not installed (needed to receive sd_notify datagrams)");
        Path notify = dir.resolve("notify.sock");
        Path received = dir.resolve("notify.txt");
        Process listener = new ProcessBuilder(SOCAT.toString(), "-u", "UNIX-RECV:" + notify, "CREATE:" + received)
                .redirectErrorStream(true).start();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(notify) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            Path sock = dir.resolve("xljd.sock");
            try (DaemonProcess d = DaemonProcess.start(dir, "notified", List.of(), List.of(),
                    List.of(DaemonProcess.FAKE_BACKEND, "--socket=" + sock), Map.of("NOTIFY_SOCKET", notify.toString()),
                    sock)) {
                end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!(Files.exists(received) && Files.readString(received).contains("READY=1"))
                        && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                assertThat(Files.exists(received) ? Files.readString(received) : "").as(d.output())
                        .contains("READY=1").contains("STATUS=serving " + sock);
            }
        } finally {
            listener.destroyForcibly().waitFor();
        }
    }

    @Test
    void underJournaldLogLinesCarryPriorityPrefixes() throws Exception {
        Path sock = dir.resolve("xljd.sock");
        // The daemon's stdout (DaemonProcess redirects it to NAME.out) is the stream named.
        Path out = Files.createFile(dir.resolve("journal.out"));
        try (DaemonProcess d = DaemonProcess.start(dir, "journal", List.of(), List.of(),
                List.of(DaemonProcess.FAKE_BACKEND, "--socket=" + sock),
                Map.of("JOURNAL_STREAM", XljdJournalStreamTest.statOf(out.toString())), sock)) {
            assertThat(Files.readString(d.stdout)).contains("<6>RpcServer: listening on " + sock);
            assertThat(d.log).as("no log file under journald").doesNotExist();
        }
    }

    @Test
    void anInheritedJournalStreamThatIsNotStdoutLeavesTheLogFile() throws Exception {
        // bin/xl starts xljd from a systemd service with its output on /dev/null.
        Path sock = dir.resolve("xljd.sock");
        try (DaemonProcess d = DaemonProcess.start(dir, "inherited", List.of(), List.of(),
                List.of(DaemonProcess.FAKE_BACKEND, "--socket=" + sock),
                Map.of("JOURNAL_STREAM", XljdJournalStreamTest.statOf("/dev/null")), sock)) {
            assertThat(Files.readString(d.log)).contains("RpcServer: listening on " + sock);
            assertThat(Files.readString(d.stdout)).doesNotContain("<6>");
        }
    }
}
