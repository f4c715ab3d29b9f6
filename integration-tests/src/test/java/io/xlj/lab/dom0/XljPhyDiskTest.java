package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 7's {@code phy} disks in the lab: block devices dom0 made, a loop device and an LVM
 * logical volume, given to the test guest as {@code phy:/dev/...} (Xen's {@code block} script
 * checks the device and hands blkback its major:minor). With xlj and then with Xen's own xl
 * on the same device: the guest reads the marker dom0 wrote on it and writes one back that
 * dom0 then reads, the device trees are the same, and a destroy leaves the device as it was
 * (no loop device of the script's, the volume still there and free).
 */
@Tag("dom0")
@Tag("xlj-phy")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XljPhyDiskTest {

    private static final String VG = "xljlabvg";
    private static final String LV = "guest";
    /** LVM without udev's help: dom0's udevd is one of the lab's victims (lab README). */
    private static final String LVM_CONFIG = "activation { udev_sync = 0 udev_rules = 0 }";

    private Path dir;
    private String loop;
    private String pvLoop;

    @BeforeAll
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(Path.of(XljPvLifecycleTest.XLJ)), "no xlj distribution");
        TestGuest.assumeBothXls();
        dir = Files.createTempDirectory("xlj-phy");
        for (String name : List.of("xlj-phy", "stk-phy")) {
            XljDevicesMoreTest.destroyQuietly(name);
        }
    }

    @AfterAll
    void cleanUp() {
        for (String name : List.of("xlj-phy", "stk-phy")) {
            XljDevicesMoreTest.destroyQuietly(name);
        }
        run("lvm", "vgremove", "-f", "--config", LVM_CONFIG, VG);
        for (String dev : new String[] {loop, pvLoop}) {
            if (dev != null) {
                run("losetup", "-d", dev);
            }
        }
    }

    private static ExecResult run(String... cmd) {
        return Exec.run(Duration.ofSeconds(120), cmd);
    }

    @Test
    @Order(1)
    void aLoopDeviceIsAPhyDiskTheGuestReadsAndWritesUnderBothToolstacks() throws IOException {
        Path img = dir.resolve("phy-loop.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(8L << 20);
        }
        loop = run("losetup", "-f", "--show", img.toString()).assertSuccess().stdout().strip();
        assertGuestsUseTheDevice(loop);
        assertThat(run("losetup", "-a").assertSuccess().stdout().lines()
                .filter(l -> l.contains(img.toString())).toList())
                .as("after both destroys only dom0's own loop device holds the image").hasSize(1);
    }

    @Test
    @Order(2)
    void anLvmVolumeIsAPhyDiskTheGuestReadsAndWritesUnderBothToolstacks() throws IOException {
        run("modprobe", "dm-mod").assertSuccess();
        Path img = dir.resolve("pv.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(48L << 20);
        }
        pvLoop = run("losetup", "-f", "--show", img.toString()).assertSuccess().stdout().strip();
        run("lvm", "pvcreate", "-q", "--config", LVM_CONFIG, pvLoop).assertSuccess();
        run("lvm", "vgcreate", "-q", "--config", LVM_CONFIG, VG, pvLoop).assertSuccess();
        run("lvm", "lvcreate", "-q", "-y", "-Zn", "--config", LVM_CONFIG, "-L", "12M", "-n", LV, VG).assertSuccess();
        String volume = "/dev/" + VG + "/" + LV;
        assertThat(Path.of(volume)).exists();
        assertGuestsUseTheDevice(volume);
        // The volume is still active and open by nobody (lv_attr's sixth letter: 'o' when open).
        String attr = run("lvm", "lvs", "--noheadings", "-o", "lv_attr", "--config", LVM_CONFIG, VG + "/" + LV)
                .assertSuccess().stdout().strip();
        assertThat(attr).as("lv_attr of %s after both destroys", volume).matches("....a-.*");
    }

    /** xlj's guest, then stock xl's, on {@code device}: each reads dom0's marker and writes one back. */
    private void assertGuestsUseTheDevice(String device) {
        List<String> mine = guestOn(true, device);
        List<String> theirs = guestOn(false, device);
        assertThat(mine).anyMatch(l -> l.contains("/51712/params = \"" + device + "\""))
                .anyMatch(l -> l.contains("/51712/physical-device = "));
        assertThat(String.join("\n", mine)).as("device tree of xlj's guest on %s", device)
                .isEqualTo(String.join("\n", theirs));
    }

    /** One toolstack's guest on the device; its device tree while it ran. */
    private List<String> guestOn(boolean mine, String device) {
        String name = mine ? "xlj-phy" : "stk-phy";
        String marker = name + "-" + UUID.randomUUID();
        writeMarker(device, marker);
        Path cfg = XljDevicesMoreTest.guestConfig(dir, name, null, "", List.of("phy:" + device + ",xvda,w"), List.of());
        ExecResult r = mine ? XljPvLifecycleTest.xlj("create", cfg.toString())
                : XljPvLifecycleTest.stock("create", cfg.toString());
        System.err.println("[phy] " + r.describe());
        r.assertSuccess();
        try {
            int domid = XljPvLifecycleTest.stockDomid(name);
            String console = XljDevicesMoreTest.awaitReady(name);
            assertThat(console).contains("XLJ-GUEST: disk-read XLJ-DISK-IN " + marker, "XLJ-GUEST: disk-written");
            List<String> tree = XljDevicesTest.deviceTree(domid);
            String list = XljPvLifecycleTest.xlj("block-list", name).assertSuccess().stdout();
            assertThat(list).as("block-list").isEqualTo(XljPvLifecycleTest.stock("block-list", name)
                    .assertSuccess().stdout());
            return tree;
        } finally {
            (mine ? XljPvLifecycleTest.stock("destroy", name) : XljPvLifecycleTest.xlj("destroy", name))
                    .assertSuccess();
            assertThat(readBack(device)).as("what %s's guest wrote on %s", name, device)
                    .isEqualTo("XLJ-DISK-OUT " + marker);
        }
    }

    /** The marker at the start of the device, the write-back area cleared; synced past dom0's cache. */
    private static void writeMarker(String device, String marker) {
        try (RandomAccessFile f = new RandomAccessFile(device, "rw")) {
            f.write(("XLJ-DISK-IN " + marker + "\n").getBytes(StandardCharsets.US_ASCII));
            f.seek(TestGuest.DISK_OUT_OFFSET);
            f.write(new byte[512]);
            f.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + device, e);
        }
        run("blockdev", "--flushbufs", device).assertSuccess();
    }

    /** What the guest wrote, read after dom0's buffers of the device are dropped (blkback wrote beside them). */
    private static String readBack(String device) {
        run("blockdev", "--flushbufs", device).assertSuccess();
        return TestGuest.diskWriteBack(Path.of(device));
    }
}
