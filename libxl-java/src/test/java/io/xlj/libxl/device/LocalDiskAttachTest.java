package io.xlj.libxl.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xlj.config.model.DeviceDisk;
import io.xlj.config.model.DiskFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libxl's local attach of a boot disk to dom0 ({@link LocalDiskAttach}) on Debian's real C
 * xenstored, with dom0's backend and blkfront played by {@link Dom0DiskSide}: the vbd of
 * dom0 it makes (libxl's nodes, the first free xvd name from blkdev_start), the wait for the
 * frontend, and the detach that leaves nothing.
 */
class LocalDiskAttachTest extends OnRealXenstored {

    private static final String PROTOCOL = "x86_64-abi";

    @TempDir
    Path dir;

    @AfterEach
    void clean() {
        for (String p : List.of("/local/domain/0/backend", "/local/domain/0/device", "/libxl/0")) {
            xs.readOptional(p).ifPresent(v -> xs.rm(p));
        }
    }

    private Path image(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "an image");
    }

    private static DeviceDisk disk(Path target, DiskFormat format, String script) {
        DeviceDisk.Builder d = DeviceDisk.builder();
        d.pdevPath = target.toString();
        d.vdev = "xvdz";
        d.format = format;
        d.script = script;
        d.readwrite = 1;
        return DiskDevices.resolve(d.build(), 7, null).disk();
    }

    private static List<String> dom0Nodes() {
        return List.of("/local/domain/0/backend", "/local/domain/0/device", "/libxl/0").stream()
                .filter(p -> xs.readOptional(p).isPresent())
                .flatMap(p -> xs.directory(p).stream().map(c -> p + "/" + c)).toList();
    }

    @Test
    void aQcow2DiskBecomesDom0sFirstFreeXvdThroughItsQemuAndGoesAgain() throws Exception {
        Path img = image("g.qcow2");
        try (Dom0DiskSide side = new Dom0DiskSide(xs, be -> false)) {
            LocalDiskAttach.Attached a = new LocalDiskAttach(xs, () -> PROTOCOL).attach(disk(img, DiskFormat.QCOW2,
                    null), null);
            assertThat(a.path()).isEqualTo("/dev/xvda");
            assertThat(a.devid()).isEqualTo(51712);
            String be = "/local/domain/0/backend/qdisk/0/51712";
            String fe = "/local/domain/0/device/vbd/51712";
            assertThat(xs.read(be + "/params")).isEqualTo("qcow2:" + img);
            assertThat(xs.read(be + "/dev")).isEqualTo("xvda");
            assertThat(xs.read(be + "/frontend")).isEqualTo(fe);
            assertThat(xs.read(be + "/frontend-id")).isEqualTo("0");
            assertThat(xs.read(be + "/mode")).isEqualTo("w");
            assertThat(xs.read(fe + "/backend")).isEqualTo(be);
            assertThat(xs.read(fe + "/virtual-device")).isEqualTo("51712");
            assertThat(xs.read(fe + "/protocol")).isEqualTo(PROTOCOL);
            assertThat(xs.read("/libxl/0/device/vbd/51712/backend")).isEqualTo(be);
            assertThat(side.paramsSeen()).containsEntry(be, "qcow2:" + img);

            a.close();
            assertThat(dom0Nodes()).isEmpty();
        }
    }

    /** libxl__alloc_vdev: from blkdev_start on, the first name no vbd of dom0 has in /libxl/0. */
    @Test
    void theNameIsTheFirstFreeOneFromBlkdevStart() throws Exception {
        xs.write("/libxl/0/device/vbd/51744/backend", "/local/domain/0/backend/vbd/0/51744"); // xvdc, taken
        try (Dom0DiskSide side = new Dom0DiskSide(xs, be -> false)) {
            LocalDiskAttach.Attached a = new LocalDiskAttach(xs, () -> null).attach(disk(image("g.qcow2"),
                    DiskFormat.QCOW2, null), "xvdc");
            assertThat(a.path()).isEqualTo("/dev/xvdd");
            assertThat(xs.readOptional("/local/domain/0/device/vbd/51760/protocol")).isEmpty();
            a.close();
        }
        assertThat(dom0Nodes()).containsExactly("/libxl/0/device");
    }

    @Test
    void aDiskBehindAScriptIsConnectedAfterItsScriptAndDisconnectedWithIt() throws Exception {
        Path log = dir.resolve("script.log");
        Path script = dir.resolve("myblock");
        Files.writeString(script, "#!/bin/sh\necho \"$1 $XENBUS_PATH\" >> " + log + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path img = image("g.img");
        try (Dom0DiskSide side = new Dom0DiskSide(xs, be -> Files.exists(log))) {
            LocalDiskAttach.Attached a = new LocalDiskAttach(xs, () -> PROTOCOL).attach(disk(img, DiskFormat.RAW,
                    script.toString()), "xvda");
            assertThat(a.path()).isEqualTo("/dev/xvda");
            String be = "/local/domain/0/backend/vbd/0/51712";
            assertThat(xs.read(be + "/params")).isEqualTo(img.toString());
            assertThat(xs.read(be + "/script")).isEqualTo(script.toString());
            assertThat(Files.readAllLines(log)).containsExactly("add backend/vbd/0/51712");
            a.close();
            assertThat(Files.readAllLines(log)).containsExactly("add backend/vbd/0/51712",
                    "remove backend/vbd/0/51712");
        }
        assertThat(dom0Nodes()).isEmpty();
    }

    /** libxl leaves such a device to dom0; xlj removes it. */
    @Test
    void aDiskNobodyConnectsFailsInLibxlsWordsAndIsRemoved() throws IOException {
        Path img = image("g.qcow2");
        assertThatThrownBy(() -> new LocalDiskAttach(xs, () -> null, Duration.ofMillis(300))
                .attach(disk(img, DiskFormat.QCOW2, null), "xvda"))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.libxlLines()).containsExactly(
                        "libxl_device.c:1470:libxl__wait_for_backend: Backend /local/domain/0/backend/qdisk/0/51712"
                                + " not ready",
                        "libxl_disk.c:1406:local_device_attach_cb: unable locally attach device: " + img));
        assertThat(dom0Nodes()).isEmpty();
    }

    @Test
    void aBlkdevStartWithAPartitionIsInvalid() throws IOException {
        Path img = image("g.qcow2");
        assertThatThrownBy(() -> new LocalDiskAttach(xs, () -> null).attach(disk(img, DiskFormat.QCOW2, null),
                "xvda1")).isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.libxlLines())
                .containsExactly("libxl_disk.c:1247:libxl__alloc_vdev: blkdev_start is invalid"));
        assertThat(dom0Nodes()).isEmpty();
    }

    /**
     * libxl__devid_to_vdev names what libxl__device_disk_dev_number numbers (VdevNumber,
     * checked against libxl itself by VdevNumberOracleTest): seeded random disks and partitions.
     */
    @Test
    void theNameOfADeviceNumberIsTheNameThatNumbersIt() {
        assertThat(LocalDiskAttach.vdevOf(51712)).isEqualTo("xvda");
        assertThat(LocalDiskAttach.vdevOf(51728 + 3)).isEqualTo("xvdb3");
        assertThat(LocalDiskAttach.vdevOf((1 << 28) | (26 << 8))).isEqualTo("xvdaa");
        Random r = new Random(4_17);
        for (int i = 0; i < 2000; i++) {
            int disk = r.nextBoolean() ? r.nextInt(16) : r.nextInt(1 << 20);
            int part = r.nextInt(disk < 16 ? 16 : 256);
            int devid = VdevNumber.of("d" + disk + "p" + part);
            assertThat(VdevNumber.of(LocalDiskAttach.vdevOf(devid))).as("d%dp%d", disk, part).isEqualTo(devid);
        }
    }
}
