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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The rest of issue 7 in the lab, each side by side with Xen's own xl 4.17 on the same config:
 * a routed vif (vif-route with ip, gatewaydev, vifname, mtu and rate: the guest pings dom0 and
 * dom0 pings the guest's ip through the route the script added), qdisk disks served by a QEMU
 * in dom0 (a qcow2 the guest reads and writes, a raw image), and bad input (duplicate vdev,
 * duplicate MAC, an unknown bridge, a missing image) failing as xl fails and leaving nothing,
 * and a vif on an Open vSwitch bridge (vif-openvswitch).
 */
@Tag("dom0")
@Tag("xlj-dev2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XljDevicesMoreTest {

    private static final Duration BOOT = Duration.ofSeconds(240);
    private static final String ROUTED_IP = "10.99.0.5";
    private static final String VIFNAME = "xljroute0";
    private static final List<String> NAMES = List.of("xlj-route", "stk-route", "xlj-qcow", "stk-qcow",
            "xlj-qraw", "stk-qraw", "xlj-bad", "stk-bad", "xlj-ok", "stk-ok", "xlj-ovs", "stk-ovs");

    private Path dir;
    private ExecResult lastStock;

    @BeforeAll
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(Path.of(XljPvLifecycleTest.XLJ)), "no xlj distribution");
        dir = Files.createTempDirectory("xlj-dev2");
        NAMES.forEach(XljDevicesMoreTest::destroyQuietly);
    }

    @AfterAll
    void cleanUp() {
        NAMES.forEach(XljDevicesMoreTest::destroyQuietly);
    }

    private static ExecResult xlj(String... args) {
        return XljPvLifecycleTest.xlj(args);
    }

    private static ExecResult stock(String... args) {
        return XljPvLifecycleTest.stock(args);
    }

    private static ExecResult tool(boolean mine, String... args) {
        return mine ? xlj(args) : stock(args);
    }

    /** Stock xl destroys the named guest if it is there. */
    static void destroyQuietly(String name) {
        if (TestGuest.stockXlListNames().contains(name)) {
            Exec.run(Duration.ofSeconds(60), TestGuest.STOCK_XL, "destroy", name);
        }
    }

    /** A test guest config: the lab's kernel and initramfs with the given extra, disks and vifs. */
    private Path config(String name, String ip, List<String> disks, List<String> vifs) {
        return config(name, ip, "", disks, vifs);
    }

    /** As above with {@code moreArgs} on the kernel command line. */
    private Path config(String name, String ip, String moreArgs, List<String> disks, List<String> vifs) {
        return guestConfig(dir, name, ip, moreArgs, disks, vifs);
    }

    /** The test guest's config in {@code dir} (a PV guest, no ip on its command line when null); its old console log gone. */
    static Path guestConfig(Path dir, String name, String ip, String moreArgs, List<String> disks, List<String> vifs) {
        List<String> cfg = new ArrayList<>(List.of(
                "name = \"" + name + "\"",
                "type = \"pv\"",
                "kernel = \"" + TestGuest.KERNEL + "\"",
                "ramdisk = \"" + TestGuest.INITRD + "\"",
                "extra = \"console=hvc0 rdinit=/init" + (ip == null ? "" : " xljlab.ip=" + ip + "/24") + moreArgs
                        + "\"",
                "memory = 128",
                "vcpus = 1",
                "on_poweroff = \"destroy\"",
                "on_crash = \"destroy\""));
        if (!disks.isEmpty()) {
            cfg.add("disk = [ " + String.join(", ", disks.stream().map(d -> "\"" + d + "\"").toList()) + " ]");
        }
        if (!vifs.isEmpty()) {
            cfg.add("vif = [ " + String.join(", ", vifs.stream().map(d -> "\"" + d + "\"").toList()) + " ]");
        }
        Path p = dir.resolve(name + ".cfg");
        try {
            Files.write(p, cfg);
            Files.deleteIfExists(TestGuest.CONSOLE_LOG_DIR.resolve("guest-" + name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The guest's console once it printed its ready marker. */
    static String awaitReady(String name) {
        Path log = TestGuest.CONSOLE_LOG_DIR.resolve("guest-" + name + ".log");
        Instant end = Instant.now().plus(BOOT);
        while (true) {
            String text = "";
            try {
                text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (text.contains("XLJ-GUEST: ready")) {
                return text;
            }
            assertThat(Instant.now()).as(name + " ready in time; console:\n" + text).isBefore(end);
            TestGuest.sleep(Duration.ofMillis(500));
        }
    }

    private Path rawImage(String file, String marker) {
        Path p = dir.resolve(file);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(8L << 20);
            f.write(("XLJ-DISK-IN " + marker + "\n").getBytes(StandardCharsets.US_ASCII));
            f.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static String ipOutput(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return Exec.run(Duration.ofSeconds(30), cmd).stdout();
    }

    private static boolean dom0Pings(String addr) {
        for (int i = 0; i < 5; i++) {
            if (Exec.run(Duration.ofSeconds(15), "busybox", "ping", "-c", "1", "-W", "2", addr).exitCode() == 0) {
                return true;
            }
        }
        return false;
    }

    /** What one toolstack's guest showed: its device tree, listings and observations. */
    private record Seen(List<String> tree, String list, String console, boolean pinged, String link,
                        String route) {
    }

    private Seen routedGuest(boolean mine) {
        String name = mine ? "xlj-route" : "stk-route";
        Path cfg = config(name, ROUTED_IP, List.of(), List.of("script=vif-route,ip=" + ROUTED_IP
                + ",gatewaydev=xenbr0,vifname=" + VIFNAME + ",mtu=1400,rate=10Mb/s@20ms"));
        ExecResult r = tool(mine, "create", cfg.toString());
        r.assertSuccess();
        try {
            int domid = XljPvLifecycleTest.stockDomid(name);
            String console = awaitReady(name);
            boolean pinged = dom0Pings(ROUTED_IP);
            String list = tool(mine, "network-list", name).assertSuccess().stdout();
            assertThat(list).as("network-list of the other toolstack")
                    .isEqualTo(tool(!mine, "network-list", name).assertSuccess().stdout());
            return new Seen(XljDevicesTest.deviceTree(domid), list.replace("/" + domid + "/", "/D/"), console,
                    pinged, ipOutput("-o", "addr", "show", "dev", VIFNAME).replaceAll("(?m)^\\d+: ", ""),
                    ipOutput("route", "show", ROUTED_IP));
        } finally {
            tool(mine, "destroy", name).assertSuccess();
            assertThat(ipOutput("-o", "link")).doesNotContain(VIFNAME);
            assertThat(ipOutput("route", "show", ROUTED_IP)).isEmpty();
        }
    }

    @Test
    @Order(1)
    void vifRouteGuestPingsDom0AndDom0PingsItsIpLikeStockXls() {
        Seen mine = routedGuest(true);
        Seen theirs = routedGuest(false);
        assertThat(mine.console()).contains("XLJ-GUEST: ping-ok 10.99.0.1");
        assertThat(mine.pinged()).as("dom0 pings " + ROUTED_IP + " through vif-route's route").isTrue();
        assertThat(mine.route()).contains(ROUTED_IP + " dev " + VIFNAME).contains("src 10.99.0.1");
        assertThat(mine.tree()).anyMatch(l -> l.contains("/script = \"/etc/xen/scripts/vif-route\""))
                .anyMatch(l -> l.contains("/ip = \"" + ROUTED_IP + "\""))
                .anyMatch(l -> l.contains("/gatewaydev = \"xenbr0\""))
                .anyMatch(l -> l.contains("/vifname = \"" + VIFNAME + "\""))
                .anyMatch(l -> l.contains("/mtu = \"1400\""))
                .anyMatch(l -> l.contains("/rate = "));
        assertThat(String.join("\n", mine.tree())).isEqualTo(String.join("\n", theirs.tree()));
        assertThat(mine.link()).isEqualTo(theirs.link());
        assertThat(mine.route()).isEqualTo(theirs.route());
        assertThat(theirs.console()).contains("XLJ-GUEST: ping-ok 10.99.0.1");
        assertThat(theirs.pinged()).isTrue();
    }

    private static List<String> ovsPorts() {
        return Exec.run(Duration.ofSeconds(30), "ovs-vsctl", "list-ports", "ovsbr0").assertSuccess().stdout()
                .lines().toList();
    }

    private Seen ovsGuest(boolean mine) {
        String name = mine ? "xlj-ovs" : "stk-ovs";
        String ip = mine ? "10.98.0.12" : "10.98.0.13";
        Path cfg = config(name, ip, " xljlab.peer=10.98.0.1", List.of(),
                List.of("bridge=ovsbr0,script=vif-openvswitch,mac=00:16:3e:5d:00:0" + (mine ? "1" : "2")));
        tool(mine, "create", cfg.toString()).assertSuccess();
        int domid = XljPvLifecycleTest.stockDomid(name);
        try {
            String console = awaitReady(name);
            assertThat(ovsPorts()).as("ports of ovsbr0").contains("vif" + domid + ".0");
            boolean pinged = dom0Pings(ip);
            String list = tool(mine, "network-list", name).assertSuccess().stdout();
            return new Seen(XljDevicesTest.deviceTree(domid), list.replace("/" + domid + "/", "/D/")
                    .replaceAll("[0-9a-f]{2}(:[0-9a-f]{2}){5}", "MAC"), console, pinged, "", "");
        } finally {
            tool(mine, "destroy", name).assertSuccess();
            assertThat(ovsPorts()).as("ports of ovsbr0 after destroy").doesNotContain("vif" + domid + ".0");
        }
    }

    /** vif-openvswitch: the vif joins the Open vSwitch bridge, the guest pings dom0 on it, as with stock xl. */
    @Test
    @Order(7)
    void openvswitchVifGuestPingsDom0OverTheOvsBridgeLikeStockXls() {
        assumeTrue(Files.isExecutable(Path.of("/usr/lib/xlj-lab/start-ovs")), "no Open vSwitch in this dom0");
        Exec.run(Duration.ofSeconds(180), "/usr/lib/xlj-lab/start-ovs").assertSuccess();
        Seen mine = ovsGuest(true);
        Seen theirs = ovsGuest(false);
        assertThat(mine.console()).contains("XLJ-GUEST: ping-ok 10.98.0.1");
        assertThat(mine.pinged()).as("dom0 pings the xlj guest over ovsbr0").isTrue();
        assertThat(theirs.console()).contains("XLJ-GUEST: ping-ok 10.98.0.1");
        assertThat(mine.tree()).anyMatch(l -> l.contains("/script = \"/etc/xen/scripts/vif-openvswitch\""));
        assertThat(String.join("\n", mine.tree())).isEqualTo(String.join("\n", theirs.tree()));
        assertThat(mine.list()).isEqualTo(theirs.list());
    }

    /** The QEMU processes serving domain {@code domid}'s qdisks ({@code -xen-domid N}). */
    private static List<String> qemusOf(int domid) {
        String ps = Exec.run(Duration.ofSeconds(30), "ps", "-eo", "pid,args").assertSuccess().stdout();
        return ps.lines().filter(l -> l.contains("qemu") && l.contains("-xen-domid " + domid + " ")).toList();
    }

    private Seen qdiskGuest(boolean mine, String format, Path image, String marker) {
        String name = (mine ? "xlj-" : "stk-") + (format.equals("qcow2") ? "qcow" : "qraw");
        Path cfg = config(name, null, List.of("format=" + format + ",vdev=xvda,access=rw,backendtype=qdisk,target="
                + image), List.of());
        ExecResult r = tool(mine, "create", cfg.toString());
        r.assertSuccess();
        int domid = XljPvLifecycleTest.stockDomid(name);
        List<String> qemu;
        String console;
        List<String> tree;
        String list;
        try {
            qemu = qemusOf(domid);
            console = awaitReady(name);
            tree = XljDevicesTest.deviceTree(domid);
            list = tool(mine, "block-list", name).assertSuccess().stdout();
            assertThat(list).isEqualTo(tool(!mine, "block-list", name).assertSuccess().stdout());
        } finally {
            tool(mine, "destroy", name).assertSuccess();
        }
        assertThat(qemu).as("a QEMU serving domain " + domid).hasSize(1);
        assertThat(qemu.get(0)).contains("-machine xenpv");
        TestGuest.sleep(Duration.ofSeconds(1));
        assertThat(qemusOf(domid)).as("QEMU after destroy").isEmpty();
        assertThat(DomainTraces.read("/local/domain/0/device-model/" + domid)).isNull();
        assertThat(DomainTraces.nodesOf(domid, null)).isEmpty();
        return new Seen(tree, list.replace("/" + domid + "/", "/D/"), console, false, "", "");
    }

    /** The 512 bytes at the guest's write-back offset of an image, read through qemu-img. */
    private String writeBack(Path image, String format) {
        Path raw = dir.resolve("readback.raw");
        Exec.run(Duration.ofSeconds(120), "qemu-img", "convert", "-f", format, "-O", "raw", image.toString(),
                raw.toString()).assertSuccess();
        try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "r")) {
            byte[] b = new byte[512];
            f.seek(TestGuest.DISK_OUT_OFFSET);
            f.readFully(b);
            return new String(b, StandardCharsets.US_ASCII).replace("\0", "").trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(2)
    void qcow2QdiskIsServedByQemuTheGuestReadsAndWritesIt() {
        String marker = UUID.randomUUID().toString();
        Path raw = rawImage("seed.raw", marker);
        Path qcow = dir.resolve("guest.qcow2");
        Exec.run(Duration.ofSeconds(120), "qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(),
                qcow.toString()).assertSuccess();

        Seen mine = qdiskGuest(true, "qcow2", qcow, marker);
        assertThat(mine.console()).contains("XLJ-GUEST: disk-read XLJ-DISK-IN " + marker)
                .contains("XLJ-GUEST: disk-written");
        assertThat(writeBack(qcow, "qcow2")).isEqualTo("XLJ-DISK-OUT " + marker);
        assertThat(mine.tree()).anyMatch(l -> l.contains("/backend/qdisk/D/51712/params = \"qcow2:" + qcow + "\""));

        Seen theirs = qdiskGuest(false, "qcow2", qcow, marker);
        assertThat(theirs.console()).contains("XLJ-GUEST: disk-read XLJ-DISK-IN " + marker);
        assertThat(String.join("\n", mine.tree())).isEqualTo(String.join("\n", theirs.tree()));
    }

    @Test
    @Order(3)
    void rawQdiskLikeStockXls() {
        String marker = UUID.randomUUID().toString();
        Path raw = rawImage("qdisk.raw", marker);
        Seen mine = qdiskGuest(true, "raw", raw, marker);
        assertThat(mine.console()).contains("XLJ-GUEST: disk-read XLJ-DISK-IN " + marker)
                .contains("XLJ-GUEST: disk-written");
        assertThat(writeBack(raw, "raw")).isEqualTo("XLJ-DISK-OUT " + marker);
        assertThat(mine.tree()).anyMatch(l -> l.contains("/backend/qdisk/D/51712/params = \"aio:" + raw + "\""));
        Seen theirs = qdiskGuest(false, "raw", raw, marker);
        assertThat(String.join("\n", mine.tree())).isEqualTo(String.join("\n", theirs.tree()));
    }

    /** Exit code and the given stderr lines of xlj equal stock xl's; nothing left in either case. */
    private void failsLikeStock(Function<Boolean, ExecResult> run, String name, String... phrases) {
        List<String> before = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList();
        ExecResult theirs = run.apply(false);
        assertNothingLeft(name.replace("xlj-", "stk-"), before);
        ExecResult mine = run.apply(true);
        assertNothingLeft(name, before);
        assertThat(mine.exitCode()).as("xlj's exit code (stock xl: " + theirs.describe() + ")")
                .isEqualTo(theirs.exitCode()).isNotZero();
        for (String p : phrases) {
            assertThat(theirs.stderr()).as("stock xl's stderr").contains(p);
            assertThat(mine.stderr()).as("xlj's stderr").contains(p);
        }
    }

    /** Stderr with the domain ids of "Domain N:" replaced. */
    private static String withoutDomids(String stderr) {
        return stderr.replaceAll("Domain \\d+:", "Domain D:");
    }

    private void assertNothingLeft(String name, List<String> before) {
        assertThat(TestGuest.stockXlListNames()).doesNotContain(name);
        List<String> after = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf)
                .filter(p -> !before.contains(p)).toList();
        assertThat(after).as("xenstore nodes left").isEmpty();
        assertThat(Exec.run(Duration.ofSeconds(30), "losetup", "-a").assertSuccess().stdout())
                .doesNotContain(dir.toString());
        assertThat(ipOutput("-o", "link")).doesNotContain(": vif");
    }

    @Test
    @Order(4)
    void aDuplicateVdevFailsTheCreateAndLeavesNothing() {
        Path a = rawImage("a.img", "a");
        Path b = rawImage("b.img", "b");
        failsLikeStock(mine -> {
            String name = mine ? "xlj-bad" : "stk-bad";
            Path cfg = config(name, null, List.of("format=raw,vdev=xvda,access=rw,target=" + a,
                    "format=raw,vdev=xvda,access=rw,target=" + b), List.of());
            ExecResult r = tool(mine, "create", cfg.toString());
            if (mine) {
                assertThat(withoutDomids(r.stderr())).isEqualTo(withoutDomids(lastStock.stderr())
                        .replace("stk-bad", "xlj-bad"));
            } else {
                lastStock = r;
            }
            return r;
        }, "xlj-bad", "device already exists in xenstore");
    }

    @Test
    @Order(5)
    void aMissingImageOfAQdiskFailsTheCreateAndLeavesNothing() {
        failsLikeStock(mine -> {
            String name = mine ? "xlj-bad" : "stk-bad";
            Path cfg = config(name, null, List.of("format=qcow2,vdev=xvda,access=rw,target=" + dir.resolve("no.qcow2")),
                    List.of());
            return tool(mine, "create", cfg.toString());
        }, "xlj-bad", "Disk vdev=xvda failed to stat: " + dir.resolve("no.qcow2") + ": No such file or directory");
    }

    @Test
    @Order(6)
    void hotPlugBadInputFailsLikeStockXlAndLeavesNothing() {
        Path a = rawImage("ok-a.img", "a");
        Path b = rawImage("ok-b.img", "b");
        String mac = "00:16:3e:5a:5b:5c";
        for (boolean mine : List.of(false, true)) {
            String name = mine ? "xlj-ok" : "stk-ok";
            Path cfg = config(name, null, List.of("format=raw,vdev=xvda,access=rw,target=" + a),
                    List.of("bridge=xenbr0,mac=" + mac));
            tool(mine, "create", cfg.toString()).assertSuccess();
        }
        try {
            // Booted guests: their frontends' connection adds nodes that are no attach's doing.
            awaitReady("stk-ok");
            awaitReady("xlj-ok");
            int xljDomid = XljPvLifecycleTest.stockDomid("xlj-ok");
            int stkDomid = XljPvLifecycleTest.stockDomid("stk-ok");
            // Stock xl leaves a failed vif's nodes behind, so its next vif gets the next devid;
            // xlj removes them: the devid in "Unable to add vif with id N" may differ.
            Function<String, String> norm = s -> s.replace("Domain " + xljDomid + ":", "Domain D:")
                    .replace("Domain " + stkDomid + ":", "Domain D:").replaceAll("\\[\\d+\\]", "[PID]")
                    .replaceAll("with id \\d+", "with id N");
            List<List<String>> cases = List.of(
                    List.of("block-attach", "format=raw,vdev=xvda,access=rw,target=" + b),
                    List.of("block-attach", "format=raw,vdev=xvdb,access=rw,target=" + dir.resolve("no.img")),
                    List.of("block-attach", "format=qcow2,vdev=xvdc,access=rw,backendtype=qdisk,target=" + b),
                    List.of("network-attach", "bridge=xenbr9"),
                    List.of("network-attach", "bridge=xenbr0", "mac=" + mac));
            for (List<String> c : cases) {
                List<String> sArgs = new ArrayList<>(c);
                sArgs.add(1, "stk-ok");
                List<String> xArgs = new ArrayList<>(c);
                xArgs.add(1, "xlj-ok");
                ExecResult theirs = stock(sArgs.toArray(String[]::new));
                List<String> before = DomainTraces.nodesOf(xljDomid, null);
                ExecResult mine = xlj(xArgs.toArray(String[]::new));
                // New device directories (backend, frontend, libxl's) are what a failed attach
                // must not leave.
                List<String> added = DomainTraces.nodesOf(xljDomid, null).stream().filter(p -> !before.contains(p))
                        .filter(p -> p.matches("/local/domain/\\d+/backend/[^/]+/\\d+/\\d+"
                                + "|/local/domain/\\d+/device/[^/]+/\\d+|/libxl/\\d+/device/[^/]+/\\d+"))
                        .toList();
                String what = String.join(" ", c) + ": stock " + theirs.describe() + "\nxlj " + mine.describe();
                assertThat(mine.exitCode()).as(what).isEqualTo(theirs.exitCode());
                if (theirs.exitCode() != 0) {
                    assertThat(added).as("nodes left by " + what).isEmpty();
                    assertThat(norm.apply(mine.stderr())).as(what).isEqualTo(norm.apply(theirs.stderr()));
                } else {
                    // libxl does not refuse a MAC that is already in use; neither does xlj.
                    assertThat(xlj("network-list", "xlj-ok").stdout().lines().filter(l -> l.contains(mac)).count())
                            .as(what).isEqualTo(2);
                }
            }
            assertThat(xlj("block-list", "xlj-ok").stdout()).isEqualTo(stock("block-list", "xlj-ok").stdout());
        } finally {
            stock("destroy", "stk-ok");
            xlj("destroy", "xlj-ok");
        }
        assertThat(Exec.run(Duration.ofSeconds(30), "losetup", "-a").assertSuccess().stdout())
                .doesNotContain(dir.toString());
    }
}
