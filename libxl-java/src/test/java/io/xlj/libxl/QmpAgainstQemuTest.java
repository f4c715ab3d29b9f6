package io.xlj.libxl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The QMP client against a real QEMU (the lab's qemu-system-x86_64, no guest: -machine none):
 * it handshakes, runs commands, and hands QEMU a file descriptor with {@code add-fd}
 * (SCM_RIGHTS through libc), which QEMU then lists in its fd set: the path libxl's cdrom
 * insertion takes.
 */
class QmpAgainstQemuTest {

    private static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");

    @TempDir
    Path dir;
    private Process qemu;
    private Path sock;

    @BeforeEach
    void startQemu() throws Exception {
        assumeTrue(Files.isExecutable(QEMU), "no " + QEMU + " (.ci/setup installs qemu-system-x86)");
        sock = dir.resolve("qmp.sock");
        qemu = new ProcessBuilder(QEMU.toString(), "-machine", "none", "-nodefaults", "-display", "none", "-S",
                "-chardev", "socket,id=qmp,path=" + sock + ",server=on,wait=off", "-mon", "chardev=qmp,mode=control")
                .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.log").toFile()).start();
        for (int i = 0; i < 200 && !Files.exists(sock); i++) {
            Thread.sleep(50);
        }
        assertThat(sock).as("QEMU's QMP socket; its log: %s", Files.readString(dir.resolve("qemu.log"))).exists();
    }

    @AfterEach
    void stopQemu() throws InterruptedException {
        if (qemu != null) {
            qemu.destroy();
            if (!qemu.waitFor(10, TimeUnit.SECONDS)) {
                qemu.destroyForcibly();
            }
        }
    }

    @Test
    void aFileHandedOverWithAddFdIsInQemusFdSet() throws IOException {
        Path image = Files.write(dir.resolve("cd.iso"), new byte[4096]);
        try (Qmp qmp = Qmp.open(sock)) {
            assertThat(qmp.execute("query-version").path("qemu").path("major").asInt()).isPositive();
            JsonNode added = qmp.execute("add-fd", Qmp.args().put("opaque", "raw:" + image), image);
            int fdset = added.path("fdset-id").asInt(-1);
            assertThat(fdset).as("add-fd's answer %s", added).isNotNegative();
            JsonNode sets = qmp.execute("query-fdsets");
            assertThat(sets.toString()).contains("\"fdset-id\":" + fdset, "raw:" + image);
        }
    }

    @Test
    void withoutADescriptorAddFdFailsWithQemusWords() throws IOException {
        try (Qmp qmp = Qmp.open(sock)) {
            assertThatThrownBy(() -> qmp.execute("add-fd", Qmp.args(), null)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("add-fd: ").hasMessageContaining("file descriptor");
        }
    }

    @Test
    void aMissingFileFailsBeforeQemuIsAsked() throws IOException {
        try (Qmp qmp = Qmp.open(sock)) {
            assertThatThrownBy(() -> qmp.execute("add-fd", Qmp.args(), dir.resolve("none.iso")))
                    .isInstanceOf(IOException.class).hasMessageContaining("ENOENT");
            assertThat(qmp.execute("query-fdsets").size()).isZero();
        }
    }
}
