package io.xlj.libxl.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xlj.config.model.DiskBackend;
import io.xlj.config.spec.Diagnostics;
import io.xlj.config.spec.DiskSpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The qdisk and phy backends' entries as libxl 4.17's device_disk_add writes them. */
class DiskDevicesTest {

    @TempDir
    Path dir;

    private static DiskDevices.Resolved resolve(String spec) {
        return DiskDevices.resolve(DiskSpecParser.parse("test.cfg", spec, Diagnostics.NONE), 3, null);
    }

    @Test
    void aQcow2ImageGoesToQemuAsQdiskWithoutAScript() throws Exception {
        Path img = Files.createFile(dir.resolve("g.qcow2"));
        DiskDevices.Resolved r = resolve("format=qcow2,vdev=xvda,access=rw,target=" + img);
        assertThat(r.disk().backend()).isEqualTo(DiskBackend.QDISK);
        assertThat(DiskDevices.needsQemu(r.disk())).isTrue();
        DeviceSpec d = r.spec();
        assertThat(d.backendPath()).isEqualTo("/local/domain/0/backend/qdisk/3/51712");
        assertThat(d.frontendPath()).isEqualTo("/local/domain/3/device/vbd/51712");
        assertThat(d.libxlPath()).isEqualTo("/libxl/3/device/vbd/51712");
        assertThat(d.back()).containsEntry("params", "qcow2:" + img).doesNotContainKey("script")
                .containsEntry("type", "qdisk").containsEntry("mode", "w").containsEntry("device-type", "disk");
        assertThat(List.copyOf(d.back().keySet())).startsWith("params", "frontend-id", "online");
    }

    @Test
    void aRawImageWithBackendtypeQdiskIsAio() throws Exception {
        Path img = Files.createFile(dir.resolve("g.raw"));
        DiskDevices.Resolved r = resolve("format=raw,vdev=xvdb,access=ro,backendtype=qdisk,target=" + img);
        assertThat(r.spec().back()).containsEntry("params", "aio:" + img).containsEntry("mode", "r");
        assertThat(r.spec().backendKind()).isEqualTo(DeviceKind.QDISK);
    }

    @Test
    void aRawFileStaysPhyWithTheBlockScript() throws Exception {
        Path img = Files.createFile(dir.resolve("p.img"));
        DiskDevices.Resolved r = resolve("format=raw,vdev=xvda,access=rw,target=" + img);
        assertThat(r.disk().backend()).isEqualTo(DiskBackend.PHY);
        assertThat(DiskDevices.needsQemu(r.disk())).isFalse();
        assertThat(r.spec().back()).containsEntry("params", img.toString())
                .containsEntry("script", "/etc/xen/scripts/block");
        assertThat(List.copyOf(r.spec().back().keySet())).startsWith("params", "script", "frontend-id");
    }

    @Test
    void aMissingImageFailsAtItsStatLikeLibxl() {
        Path img = dir.resolve("missing.qcow2");
        assertThatThrownBy(() -> resolve("format=qcow2,vdev=xvda,target=" + img))
                .hasMessage("Disk vdev=xvda failed to stat: " + img + ": No such file or directory");
    }

    @Test
    void aScriptRulesOutQdisk() {
        assertThatThrownBy(() -> resolve("format=qcow2,vdev=xvda,script=block,target=/img/g.qcow2"))
                .hasMessage("no suitable backend for disk xvda");
    }
}
