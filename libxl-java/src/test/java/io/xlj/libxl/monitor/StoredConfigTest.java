package io.xlj.libxl.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.xlj.config.model.ActionOnShutdown;
import io.xlj.libxl.Userdata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor reads each domain's shutdown actions from its stored d_config. The JSON here
 * is Debian's real xl 4.17's ({@code oracle/xl -N create}), the d_config xl hands to libxl:
 * what it writes for explicit actions and what it leaves out for its defaults.
 */
class StoredConfigTest {

    private static final Path XL = Path.of("").toAbsolutePath().resolve("../oracle/xl").normalize();

    @TempDir
    Path dir;

    @Test
    void explicitActionsAreReadFromXlsOwnJson() throws Exception {
        String cfg = base() + "on_poweroff=\"preserve\"\non_reboot=\"rename-restart\"\non_crash=\"coredump-restart\"\n"
                + "on_watchdog=\"restart\"\non_soft_reset=\"soft-reset\"\n";
        StoredConfig s = stored(cfg, null);
        assertThat(s.action(ShutdownReason.POWEROFF)).isEqualTo(ActionOnShutdown.PRESERVE);
        assertThat(s.action(ShutdownReason.REBOOT)).isEqualTo(ActionOnShutdown.RESTART_RENAME);
        assertThat(s.action(ShutdownReason.CRASH)).isEqualTo(ActionOnShutdown.COREDUMP_RESTART);
        assertThat(s.action(ShutdownReason.WATCHDOG)).isEqualTo(ActionOnShutdown.RESTART);
        assertThat(s.action(ShutdownReason.SOFT_RESET)).isEqualTo(ActionOnShutdown.SOFT_RESET);
        assertThat(s.name()).contains("monitored");
    }

    @Test
    void xlsDefaultsWhenTheConfigSaysNothing() throws Exception {
        StoredConfig s = stored(base(), null);
        // xl.cfg(5): destroy, restart, destroy, destroy.
        assertThat(s.action(ShutdownReason.POWEROFF)).isEqualTo(ActionOnShutdown.DESTROY);
        assertThat(s.action(ShutdownReason.REBOOT)).isEqualTo(ActionOnShutdown.RESTART);
        assertThat(s.action(ShutdownReason.CRASH)).isEqualTo(ActionOnShutdown.DESTROY);
        assertThat(s.action(ShutdownReason.WATCHDOG)).isEqualTo(ActionOnShutdown.DESTROY);
        assertThat(s.configText()).isEmpty();
    }

    @Test
    void theConfigTextComesFromXlsConfigUpdateFirstThenXljsCopy() throws Exception {
        UUID uuid = UUID.randomUUID();
        Userdata u = new Userdata(dir);
        u.store(7, uuid, Userdata.LIBXL_JSON, withNul(xlJson(base())));
        u.store(7, uuid, StoredConfig.XLJ_CONFIG, "memory=64\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(StoredConfig.read(u, 7, uuid).orElseThrow().configText()).contains("memory=64\n");
        u.store(7, uuid, Userdata.XL, "memory=96\n".getBytes(StandardCharsets.ISO_8859_1));
        StoredConfig s = StoredConfig.read(u, 7, uuid).orElseThrow();
        assertThat(s.configText()).contains("memory=96\n");
        assertThat(s.textUserid()).contains(Userdata.XL);
    }

    @Test
    void noLibxlJsonNoStoredConfig() {
        assertThat(StoredConfig.read(new Userdata(dir), 3, UUID.randomUUID())).isEmpty();
    }

    private static String base() {
        return "name=\"monitored\"\ntype=\"pv\"\nkernel=\"/boot/vmlinuz\"\nmemory=64\n";
    }

    private StoredConfig stored(String cfg, String text) throws Exception {
        UUID uuid = UUID.randomUUID();
        Userdata u = new Userdata(dir);
        u.store(5, uuid, Userdata.LIBXL_JSON, withNul(xlJson(cfg)));
        if (text != null) {
            u.store(5, uuid, StoredConfig.XLJ_CONFIG, text.getBytes(StandardCharsets.ISO_8859_1));
        }
        return StoredConfig.read(u, 5, uuid).orElseThrow();
    }

    /** libxl stores its JSON with a trailing NUL. */
    private static byte[] withNul(byte[] json) {
        byte[] b = new byte[json.length + 1];
        System.arraycopy(json, 0, b, 0, json.length);
        return b;
    }

    private byte[] xlJson(String cfg) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(XL), "no oracle at " + XL);
        Path f = Files.writeString(dir.resolve("g" + System.nanoTime() + ".cfg"), cfg);
        Path out = dir.resolve("out.json");
        Process p = new ProcessBuilder(XL.toString(), "-N", "create", f.toString())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assumeTrue(p.exitValue() != 127, "oracle/xl cannot run here (xen-utils-4.17, gcc, libxen-dev)");
        assertThat(p.exitValue()).as("xl -N create").isZero();
        return Files.readAllBytes(out);
    }
}
