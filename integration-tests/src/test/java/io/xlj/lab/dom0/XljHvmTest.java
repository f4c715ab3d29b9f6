package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 9 in the lab, HVM part: xlj's own {@code xl create} of the lab's HVM sample config
 * (hvmloader + SeaBIOS, qemu-xen booting the test kernel directly, serial on a pty) with a
 * raw file disk and a nic, on real Xen 4.17, side by side with Xen's stock xl for the same
 * config: both guests print the marker on their serial console, read their disk's marker and
 * write it back, ping dom0 and are pinged, both device models run the same command line and the
 * xenstore trees are the same (ids, names, times and ptys set aside), xl list shows the
 * guest, and a destroy leaves no qemu of the guest, no QMP socket, no node, no vif or tap and
 * no loop device (dom0's own qdisk qemu stays). Without the platform device, the guest's
 * emulated IDE disk and e1000 nic work. A missing device model or firmware fails as stock xl fails, with
 * nothing left behind.
 */
@Tag("dom0")
@Tag("xlj-hvm")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XljHvmTest {

    private static final Path SAMPLE = Path.of("/usr/share/xlj-lab/cfg/hvm-guest.cfg");
    private static final Duration BOOT = Duration.ofSeconds(300);
    private static final String MARKER = "XLJ-GUEST: boot";

    private final Guest stock = new Guest("xlj-hvm-stock", "00:16:3e:5a:00:01", "10.99.0.41");
    private final Guest ours = new Guest("xlj-hvm-own", "00:16:3e:5a:00:02", "10.99.0.42");

    /**
     * One HVM guest of the sample config under another name, with a raw file disk (xvda: IDE
     * for the device model, blkfront once the kernel unplugs the emulated one) and a nic
     * (emulated rtl8139 and vif, netfront after the unplug), and what was seen of it.
     */
    static final class Guest {
        final String name;
        final String ip;
        final Path disk;
        final Path config;
        int domid;
        String uuid;
        List<String> qemuArgs;
        List<String> tree;
        String listLong;
        SerialCapture serial;

        Guest(String name, String mac, String ip) {
            this.name = name;
            this.ip = ip;
            try {
                this.disk = TestGuest.markedDisk(Files.createTempDirectory("xlj-hvm-" + name).resolve(name + ".img"),
                        name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.config = writeConfig(name, List.of(
                    "disk = [ \"format=raw,vdev=xvda,access=rw,target=" + disk + "\" ]",
                    "vif = [ \"mac=" + mac + ",bridge=xenbr0\" ]"), " xljlab.ip=" + ip + "/24");
        }

        /** The guest read its disk's marker and wrote it back, and pinged dom0; dom0 pings it. */
        void assertDiskAndNetworkWork() {
            String console = serial.await("XLJ-GUEST: ready", name);
            assertThat(console).contains("XLJ-GUEST: disk-read XLJ-DISK-IN " + name, "XLJ-GUEST: disk-written",
                    "XLJ-GUEST: ping-ok 10.99.0.1");
            assertThat(TestGuest.diskWriteBack(disk)).isEqualTo("XLJ-DISK-OUT " + name);
            TestGuest.assertDom0Pings(ip);
        }

        /** Ids, device model, tree and serial reader, right after the create returned. */
        void observe() throws IOException {
            domid = Integer.parseInt(XljPvLifecycleTest.stock("domid", name).assertSuccess().stdout().trim());
            uuid = DomainTraces.read("/local/domain/" + domid + "/vm").substring("/vm/".length());
            qemuArgs = XljHvmDeviceModelArgsTest.qemuArgsOf(domid);
            tree = tree(domid, uuid, name);
            // Stock xl reads each guest's stored config: the nics with the devid, type and MAC
            // libxl settled on, the disk as given.
            listLong = XljPvLifecycleTest.stock("list", "-l", name).assertSuccess().stdout()
                    .replaceAll("\"domid\": " + domid + "\\b", "\"domid\": D").replace(uuid, "U")
                    .replace("\"" + name + "\"", "\"N\"").replaceAll("[0-9a-f]{2}(:[0-9a-f]{2}){5}", "MAC")
                    .replaceAll("/[^\"]*/" + Pattern.quote(name) + "\\.img", "/DIR/N.img")
                    .replaceAll("xljlab\\.ip=[0-9./]+", "xljlab.ip=IP");
            String tty = DomainTraces.read("/local/domain/" + domid + "/serial/0/tty");
            assertThat(tty).as("serial/0/tty of %s", name).startsWith("/dev/pts/");
            serial = SerialCapture.start(name);
        }

        void destroyQuietly() {
            if (TestGuest.stockXlListNames().contains(name)) {
                Exec.run(Duration.ofSeconds(120), TestGuest.STOCK_XL, "destroy", name);
            }
        }
    }

    /** Reads a guest's serial pty (qemu made it raw) into memory until it closes. */
    static final class SerialCapture {
        private final StringBuffer text = new StringBuffer();
        private volatile boolean stopped;

        void stop() {
            stopped = true;
        }

        /**
         * Follows the guest by name: when its qemu closes the pty (the guest rebooted, as a
         * triple fault under TCG sometimes makes it, and was restarted), the new domain's
         * pty is read on.
         */
        static SerialCapture start(String name) {
            SerialCapture c = new SerialCapture();
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                String last = null;
                while (!c.stopped) {
                    ExecResult id = Exec.run(Duration.ofSeconds(60), TestGuest.STOCK_XL, "domid", name);
                    String tty = id.exitCode() == 0
                            ? DomainTraces.read("/local/domain/" + id.stdout().trim() + "/serial/0/tty") : null;
                    if (tty == null || tty.equals(last)) {
                        TestGuest.sleep(Duration.ofSeconds(2));
                        continue;
                    }
                    if (last != null) {
                        c.text.append("\n[test: ").append(name).append(" restarted, now on ").append(tty).append("]\n");
                    }
                    last = tty;
                    try (InputStream in = Files.newInputStream(Path.of(tty))) {
                        for (int n; (n = in.read(buf)) > 0; ) {
                            c.text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                        }
                    } catch (IOException e) {
                        // EIO once qemu closes the pty
                    }
                }
            }, "serial " + name);
            t.setDaemon(true);
            t.start();
            return c;
        }

        String await(String marker, String who) {
            return await(marker, who, BOOT);
        }

        /** Waits up to {@code limit} for {@code marker}; returns all the console printed so far. */
        String await(String marker, String who, Duration limit) {
            long end = System.nanoTime() + limit.toNanos();
            while (!text.toString().contains(marker)) {
                if (System.nanoTime() > end) {
                    throw new AssertionError(who + ": no '" + marker + "' on the serial console within " + limit
                            + "; it printed:\n" + text);
                }
                TestGuest.sleep(Duration.ofSeconds(1));
            }
            return text.toString();
        }
    }

    static Path writeConfig(String name, List<String> extra) {
        return writeConfig(name, extra, "");
    }

    /** The sample under another name, with lines added and {@code extraArgs} appended to its extra=. */
    static Path writeConfig(String name, List<String> extra, String extraArgs) {
        try {
            List<String> lines = new ArrayList<>();
            for (String l : Files.readAllLines(SAMPLE)) {
                if (l.startsWith("name")) {
                    l = "name = \"" + name + "\"";
                } else if (l.startsWith("extra") && l.endsWith("\"")) {
                    l = l.substring(0, l.length() - 1) + extraArgs + "\"";
                }
                lines.add(l);
            }
            lines.addAll(extra);
            Path cfg = Files.createTempDirectory("xlj-hvm-" + name).resolve(name + ".cfg");
            Files.write(cfg, lines);
            return cfg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void toolsAreThere() {
        assumeTrue(Files.isRegularFile(SAMPLE), "no " + SAMPLE);
        assumeTrue(Files.isExecutable(Path.of(XljPvLifecycleTest.XLJ)), "no xlj distribution");
        assumeTrue(Files.isExecutable(Path.of("/usr/libexec/xen-qemu-system-i386")), "no qemu-system-xen");
    }

    @AfterAll
    void cleanUp() {
        for (Guest g : List.of(stock, ours)) {
            if (g.serial != null) {
                g.serial.stop();
            }
        }
        stock.destroyQuietly();
        ours.destroyQuietly();
    }

    @Test
    @Order(1)
    void stockXlBootsTheHvmGuest() throws IOException {
        ExecResult r = XljPvLifecycleTest.stock("create", stock.config.toString());
        System.err.println("[hvm] stock create: " + r.describe());
        r.assertSuccess();
        stock.observe();
        System.err.println("[hvm] stock device model: " + String.join(" ", stock.qemuArgs));
        stock.serial.await(MARKER, "stock xl's HVM guest");
        stock.assertDiskAndNetworkWork();
    }

    @Test
    @Order(2)
    void xljBootsTheHvmGuestAndXlListsIt() throws IOException {
        ExecResult r = XljPvLifecycleTest.xlj("create", ours.config.toString());
        System.err.println("[hvm] xlj create: " + r.describe());
        r.assertSuccess();
        assertThat(r.stderr()).isEqualTo("Parsing config from " + ours.config + "\n");
        ours.observe();
        System.err.println("[hvm] xlj device model: " + String.join(" ", ours.qemuArgs));
        assertThat(Files.exists(Path.of("/var/run/xen/qmp-libxl-" + ours.domid))).as("QMP socket").isTrue();
        assertThat(Path.of("/var/log/xen/qemu-dm-" + ours.name + ".log")).exists();
        assertThat(TestGuest.stockXlListNames()).contains(ours.name);
        assertThat(XljPvLifecycleTest.xlj("list").assertSuccess().stdout()).contains(ours.name);
        ours.serial.await(MARKER, "xlj's HVM guest");
        ours.assertDiskAndNetworkWork();
    }

    @Test
    @Order(3)
    void bothDeviceModelsRunTheSameCommandLine() {
        assertThat(normalise(ours.qemuArgs, ours)).containsExactlyElementsOf(normalise(stock.qemuArgs, stock));
    }

    @Test
    @Order(4)
    void theXenstoreTreesAreTheSame() {
        System.err.println("[hvm] stock tree:\n" + String.join("\n", stock.tree));
        System.err.println("[hvm] xlj tree:\n" + String.join("\n", ours.tree));
        assertThat(ours.tree).as("xenstore of the xlj guest, normalised").containsExactlyInAnyOrderElementsOf(stock.tree);
    }

    @Test
    @Order(4)
    void theStoredConfigsAreTheSame() {
        System.err.println("[hvm] stock list -l of stock's guest:\n" + stock.listLong);
        assertThat(ours.listLong).isEqualTo(stock.listLong);
    }

    @Test
    @Order(5)
    void destroyLeavesNoQemuNoSocketNoNode() throws IOException {
        for (Guest g : List.of(stock, ours)) {
            if (g.serial != null) { // null when that guest's create already failed
                g.serial.stop();
            }
        }
        List<String> dom0Qemu = qemuOf(0);
        List<String> loopsBefore = XljPvhTest.loopDevices();
        XljPvLifecycleTest.xlj("destroy", ours.name).assertSuccess();
        XljPvLifecycleTest.stock("destroy", stock.name).assertSuccess();
        for (Guest g : List.of(stock, ours)) {
            assertThat(qemuOf(g.domid)).as("qemu of %s", g.name).isEmpty();
            assertThat(Path.of("/var/run/xen/qmp-libxl-" + g.domid)).doesNotExist();
            assertThat(Path.of("/var/run/xen/qmp-libxenstat-" + g.domid)).doesNotExist();
            assertThat(DomainTraces.nodesOf(g.domid, g.uuid)).as("nodes of %s", g.name).isEmpty();
            assertThat(DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf)
                    .filter(p -> p.startsWith("/local/domain/0/device-model/" + g.domid))).isEmpty();
            assertThat(DomainTraces.userdataOf(g.domid, g.uuid)).as("userdata of %s", g.name).isEmpty();
            assertThat(Path.of("/sys/class/net/vif" + g.domid + ".0")).as("vif of %s", g.name).doesNotExist();
            assertThat(Path.of("/sys/class/net/vif" + g.domid + ".0-emu")).as("tap of %s", g.name).doesNotExist();
        }
        assertThat(qemuOf(0)).as("dom0's own qemu").isEqualTo(dom0Qemu);
        assertThat(XljPvhTest.loopDevices()).as("loop devices before the destroys: %s", loopsBefore)
                .noneMatch(l -> l.contains(stock.name + ".img") || l.contains(ours.name + ".img"));
    }

    @Test
    @Order(6)
    void aMissingDeviceModelOrFirmwareFailsAsXlFailsAndLeavesNothing() throws IOException {
        for (List<String> bad : List.of(List.of("device_model_override = \"/nonexistent/qemu\""),
                List.of("firmware = \"/nonexistent/hvmloader\""),
                List.of("bios = \"seabios\"", "bios_path_override = \"/nonexistent/bios.bin\""))) {
            Path cfg = writeConfig("xlj-hvm-bad", bad);
            List<String> nodesBefore = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList();
            List<Path> userdataBefore = DomainTraces.allUserdata();
            List<Integer> domainsBefore = TestGuest.stockXlListDomids();
            List<String> socketsBefore = qmpSockets();

            ExecResult theirs = XljPvLifecycleTest.stock("create", cfg.toString());
            ExecResult mine = XljPvLifecycleTest.xlj("create", cfg.toString());
            System.err.println("[hvm] " + bad + ", stock: " + theirs.describe() + "\n[hvm] " + bad + ", xlj: "
                    + mine.describe());
            assertThat(mine.exitCode()).as("%s", bad).isEqualTo(theirs.exitCode()).isNotZero();
            assertThat(mine.stderr()).startsWith("Parsing config from " + cfg + "\n").contains("libxl: error: ");
            assertThat(errorTexts(mine.stderr())).as("%s", bad).isEqualTo(errorTexts(theirs.stderr()));
            assertThat(TestGuest.stockXlListDomids()).isEqualTo(domainsBefore);
            List<String> nodesAfter = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList();
            assertThat(nodesAfter).containsExactlyInAnyOrderElementsOf(nodesBefore);
            assertThat(DomainTraces.allUserdata()).isEqualTo(userdataBefore);
            assertThat(qmpSockets()).isEqualTo(socketsBefore);
        }
    }

    /**
     * Without the Xen platform device the guest has no xenbus, hence no PV drivers: it reads
     * its disk through QEMU's emulated IDE drive and pings dom0 through the emulated e1000,
     * whose tap vif-bridge put on xenbr0. Destroy leaves no tap, no QEMU, no node.
     */
    @Test
    @Order(7)
    @Tag("xlj-hvm-emu")
    void withoutThePlatformDeviceTheEmulatedDiskAndNicWork() throws IOException {
        String name = "xlj-hvm-emu";
        Path disk = TestGuest.markedDisk(Files.createTempDirectory("xlj-hvm-" + name).resolve(name + ".img"), name);
        Path cfg = writeConfig(name, List.of("xen_platform_pci = 0",
                "disk = [ \"format=raw,vdev=hda,access=rw,target=" + disk + "\" ]",
                "vif = [ \"mac=00:16:3e:5a:00:03,bridge=xenbr0,model=e1000\" ]"), " xljlab.ip=10.99.0.43/24");
        ExecResult r = XljPvLifecycleTest.xlj("create", cfg.toString());
        System.err.println("[hvm] xlj create " + name + ": " + r.describe());
        r.assertSuccess();
        int domid = Integer.parseInt(XljPvLifecycleTest.stock("domid", name).assertSuccess().stdout().trim());
        SerialCapture serial = SerialCapture.start(name);
        try {
            assertThat(qemuOf(domid)).as("the device model").singleElement().asString()
                    .contains("-machine pc,accel=xen", "-device e1000,id=nic0", "if=ide,index=0,media=disk");
            String console = serial.await("XLJ-GUEST: ready", name);
            assertThat(console).contains("XLJ-GUEST: emulated-disk /dev/sda",
                    "XLJ-GUEST: disk-read XLJ-DISK-IN " + name, "XLJ-GUEST: disk-written",
                    "XLJ-GUEST: emulated-nic e1000", "XLJ-GUEST: ping-ok 10.99.0.1");
            assertThat(TestGuest.diskWriteBack(disk)).isEqualTo("XLJ-DISK-OUT " + name);
            TestGuest.assertDom0Pings("10.99.0.43");
            assertThat(Path.of("/sys/class/net/vif" + domid + ".0-emu/master")).as("the tap on a bridge").exists();
        } finally {
            serial.stop();
            XljPvLifecycleTest.xlj("destroy", name).assertSuccess();
        }
        assertThat(qemuOf(domid)).isEmpty();
        assertThat(Path.of("/sys/class/net/vif" + domid + ".0-emu")).doesNotExist();
        assertThat(DomainTraces.nodesOf(domid, null)).isEmpty();
    }

    /** The device model's argv with the guest's domid and name made D and N. */
    static List<String> normalise(List<String> args, Guest g) {
        return normalise(args, g.domid, g.name);
    }

    /** The device model's argv with {@code domid} and {@code name} made D and N. */
    static List<String> normalise(List<String> args, int domid, String name) {
        String id = Integer.toString(domid);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i > 0 && args.get(i - 1).equals("-xen-domid") && a.equals(id)) {
                a = "D";
            }
            out.add(a.replaceAll("(qmp-libx[a-z]+-)" + id + "\\b", "$1D").replace("vif" + id + ".", "vifD.")
                    .replaceAll("mac=[0-9a-f:]{17}", "mac=MAC").replaceAll("/xlj-hvm-[^/,]*/", "/DIR/")
                    .replaceAll("xljlab\\.ip=[0-9./]+", "xljlab.ip=IP")
                    .replace(name, "N"));
        }
        return out;
    }

    /** libxl's error lines without file:line and domid: what both toolstacks must say. */
    static List<String> errorTexts(String stderr) {
        return stderr.lines().filter(l -> l.startsWith("libxl: error: "))
                .map(l -> l.replaceFirst("^libxl: error: [a-z_]+\\.c:\\d+:", "").replaceAll("Domain \\d+:", "Domain D:"))
                .toList();
    }

    static List<String> qmpSockets() throws IOException {
        try (var s = Files.list(Path.of("/var/run/xen"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("qmp-")).sorted().toList();
        }
    }

    /** The argv of every qemu serving {@code domid}. */
    static List<String> qemuOf(int domid) throws IOException {
        List<String> found = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                try {
                    String cmd = Files.readString(p.resolve("cmdline"), StandardCharsets.ISO_8859_1).replace('\0', ' ');
                    if (cmd.contains("qemu") && cmd.contains("-xen-domid " + domid + " ")) {
                        found.add(p.getFileName() + " " + cmd.strip());
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return found;
    }

    /** The guest's nodes with values and permissions, ids and name and times and ptys normalised. */
    static List<String> tree(int domid, String uuid, String name) {
        String id = Integer.toString(domid);
        Pattern own = Pattern.compile("/local/domain/" + id + "(/.*)?|/local/domain/\\d+/backend/[^/]+/" + id
                + "(/.*)?|/libxl/" + id + "(/.*)?|/vm/" + Pattern.quote(uuid) + "(/.*)?|/local/domain/0/device-model/"
                + id + "(/.*)?");
        return DomainTraces.xenstoreLines().stream()
                .filter(l -> own.matcher(DomainTraces.pathOf(l)).matches())
                .map(l -> l.replace(uuid, "U")
                        .replaceAll("/local/domain/" + id + "(?=[/ \"]|$)", "/local/domain/D")
                        .replaceAll("/libxl/" + id + "(?=[/ \"]|$)", "/libxl/D")
                        .replaceAll("/device-model/" + id + "(?=[/ \"]|$)", "/device-model/D")
                        .replaceAll("(/backend/[^/]+/)" + id + "(?=[/ \"]|$)", "$1D")
                        .replaceAll("\\b([nrwb])" + id + "\\b", "$1D")
                        .replaceAll("((?:frontend-id|backend-id|/domid) = )\"" + id + "\"", "$1\"D\"")
                        .replace("\"" + name + "\"", "\"N\"")
                        .replaceAll("start_time = \"[0-9.]+\"", "start_time = \"T\"")
                        .replaceAll("device-model-pid = \"\\d+\"", "device-model-pid = \"P\"")
                        .replaceAll("/dev/pts/\\d+", "/dev/pts/P"))
                .map(l -> DomainTraces.normaliseDeviceValues(l, name))
                .sorted().toList();
    }
}
