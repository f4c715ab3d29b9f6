package io.xlj.libxl.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DeviceConnector#connectAll} connects a create's devices at once (xl: one after the
 * other), against Debian's real C xenstored: backends in InitWait, hotplug scripts that only
 * finish once every other one has started. Run one after another they would wait for each
 * other until their own deadline and fail.
 */
class DeviceConnectorTest extends OnRealXenstored {

    private static final int DOMID = 7;


    @TempDir
    Path dir;

    @Test
    void theScriptsOfACreateRunTogether() throws IOException {
        int n = DeviceConnector.MAX_AT_ONCE;
        Path script = script("rendezvous", """
                #!/bin/sh
                # Arrive, then wait (at most 20 s) until all have arrived: only scripts run together finish.
                dev=$(basename "$XENBUS_PATH")
                echo "$1 $XENBUS_TYPE $XENBUS_PATH $XENBUS_BASE_PATH" > "%1$s/arrived.$dev"
                i=0
                while [ "$(ls "%1$s" | grep -c '^arrived\\.')" -lt %2$d ]; do
                  i=$((i + 1)); [ $i -gt 200 ] && exit 1
                  sleep 0.1
                done
                touch "%1$s/done.$dev"
                """.formatted(dir, n));
        List<DeviceSpec> disks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            disks.add(disk(51712 + 16 * i, script));
        }

        new DeviceConnector(xs).connectAll(disks);

        for (DeviceSpec d : disks) {
            assertThat(dir.resolve("done." + d.devid())).as("%s's script finished", d.describe()).exists();
            assertThat(Files.readString(dir.resolve("arrived." + d.devid())).trim())
                    .isEqualTo("add vbd backend/vbd/" + DOMID + "/" + d.devid() + " backend");
        }
    }

    @Test
    void aFailingScriptFailsTheConnectionAfterTheOthersRan() throws IOException {
        Path ok = script("ok", "#!/bin/sh\ntouch \"" + dir + "/ran.$(basename \"$XENBUS_PATH\")\"\n");
        Path failing = script("failing", "#!/bin/sh\nexit 3\n");
        List<DeviceSpec> disks = List.of(disk(2048, ok), disk(2064, failing), disk(2080, ok));

        assertThatThrownBy(() -> new DeviceConnector(xs).connectAll(disks))
                .isInstanceOf(DeviceException.class)
                .hasMessageContaining(failing + " add [")
                .hasMessageEndingWith("exited with error status 3");
        assertThat(dir.resolve("ran.2048")).exists();
        assertThat(dir.resolve("ran.2080")).exists();
    }

    /** A vbd of domain DOMID whose backend is in InitWait and names {@code script}. */
    private static DeviceSpec disk(int devid, Path script) {
        DeviceSpec d = new DeviceSpec(DeviceKind.VBD, DeviceKind.VBD, DOMID, 0, devid, Map.of(), Map.of(), Map.of());
        xs.write(d.backendPath() + "/script", script.toString());
        xs.write(d.backendPath() + "/state", "2");
        return d;
    }

    private Path script(String name, String text) throws IOException {
        Path p = dir.resolveSibling(dir.getFileName() + "-" + name + ".sh");
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        p.toFile().deleteOnExit();
        return p;
    }
}
