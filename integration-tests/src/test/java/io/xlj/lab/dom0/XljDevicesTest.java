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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
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
 * Issue 7 in the lab: xlj's own xl creates the test guest with a file disk (Xen's block
 * script, a loop device) and a vif on xenbr0 (vif-bridge); the guest reads dom0's marker from
 * the disk, writes one back and pings dom0. Stock xl 4.17 is the oracle: the same device
 * trees in xenstore for the same config, the same block-list / network-list, and each
 * toolstack detaches what the other attached. Failing hotplug scripts and missing images
 * fail the create with libxl's words and leave no domain, node, loop device or vif.
 */
@Tag("dom0")
@Tag("xlj-dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XljDevicesTest {

    private static final Duration BOOT = Duration.ofSeconds(240);
    private static final String GUEST_IP = "10.99.0.2";
    private static final String NAME = "xlj-dev";

    private final String marker = UUID.randomUUID().toString();
    private final TestGuest guest = TestGuest.withDiskAndVif(NAME, marker, GUEST_IP);
    private int domid;
    private List<String> xljTree;

    @BeforeAll
    void xljIsInstalled() {
        assumeTrue(Files.isExecutable(Path.of(XljPvLifecycleTest.XLJ)), "no xlj distribution");
        // run-suites.sh reruns the suites after a launcher JVM crash: a guest of the crashed
        // attempt must not make this attempt's create fail on its name.
        guest.destroyQuietly();
    }

    @AfterAll
    void cleanUp() {
        guest.destroyQuietly();
    }

    private static ExecResult xlj(String... args) {
        return XljPvLifecycleTest.xlj(args);
    }

    private static ExecResult stock(String... args) {
        return XljPvLifecycleTest.stock(args);
    }

    private String consoleWhenReady() {
        return guest.awaitReady(BOOT);
    }

    @Test
    @Order(1)
    void xljCreatesTheGuestWithItsDiskAndVif() {
        ExecResult r = xlj("create", guest.config.toString());
        if (r.exitCode() != 0) {
            // The guest tests then fail at once instead of waiting for a boot that cannot come.
            guest.neverReady("xlj create failed: " + r.describe());
        }
        r.assertSuccess();
        assertThat(r.stderr()).isEqualTo("Parsing config from " + guest.config + "\n");
        domid = XljPvLifecycleTest.stockDomid(NAME);
        assertThat(DomainTraces.read("/local/domain/0/backend/vbd/" + domid + "/51712/hotplug-status"))
                .isEqualTo("connected");
        assertThat(DomainTraces.read("/local/domain/0/backend/vif/" + domid + "/0/hotplug-status"))
                .isEqualTo("connected");
        assertThat(losetupOf(guest.disk.orElseThrow())).as("loop device of the image").isNotEmpty();
    }

    @Test
    @Order(2)
    void guestReadsTheDiskMarkerAndWritesItBack() {
        String console = consoleWhenReady();
        assertThat(console).contains("XLJ-GUEST: disk-read XLJ-DISK-IN " + marker)
                .contains("XLJ-GUEST: disk-written");
        assertThat(guest.diskWriteBack()).isEqualTo("XLJ-DISK-OUT " + marker);
    }

    @Test
    @Order(3)
    void guestAndDom0PingEachOther() {
        assertThat(consoleWhenReady()).contains("XLJ-GUEST: ping-ok 10.99.0.1");
        guest.assertDom0PingsIt();
        xljTree = deviceTree(domid);
    }

    @Test
    @Order(4)
    void blockListAndNetworkListAreStockXls() {
        consoleWhenReady();
        ExecResult mine = xlj("block-list", NAME).assertSuccess();
        assertThat(mine.stdout()).isEqualTo(stock("block-list", NAME).assertSuccess().stdout());
        assertThat(mine.stdout()).contains("51712");
        ExecResult nets = xlj("network-list", Integer.toString(domid)).assertSuccess();
        assertThat(nets.stdout()).isEqualTo(stock("network-list", Integer.toString(domid)).assertSuccess().stdout());
        assertThat(nets.stdout().lines().count()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void stockXlDetachesXljsVifAndXljAttachesOneStockDetaches() {
        consoleWhenReady();
        stock("network-detach", NAME, "0").assertSuccess();
        assertThat(DomainTraces.read("/local/domain/0/backend/vif/" + domid + "/0")).isNull();
        assertThat(vifLinks(domid)).isEmpty();

        xlj("network-attach", NAME, "bridge=xenbr0").assertSuccess();
        String list = stock("network-list", NAME).assertSuccess().stdout();
        assertThat(xlj("network-list", NAME).assertSuccess().stdout()).isEqualTo(list);
        assertThat(list.lines().count()).isEqualTo(2);
        String devid = list.lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(DomainTraces.read("/local/domain/0/backend/vif/" + domid + "/" + devid + "/hotplug-status"))
                .isEqualTo("connected");
        assertThat(vifLinks(domid)).containsExactly("vif" + domid + "." + devid);

        stock("network-detach", NAME, devid).assertSuccess();
        assertThat(DomainTraces.read("/local/domain/0/backend/vif/" + domid + "/" + devid)).isNull();
        assertThat(vifLinks(domid)).isEmpty();
    }

    @Test
    @Order(6)
    void xljDetachesWhatStockXlAttached() {
        consoleWhenReady();
        stock("network-attach", NAME, "bridge=xenbr0").assertSuccess();
        String list = xlj("network-list", NAME).assertSuccess().stdout();
        assertThat(list).isEqualTo(stock("network-list", NAME).assertSuccess().stdout());
        String mac = list.lines().skip(1).findFirst().orElseThrow().split("\\s+")[2];
        xlj("network-detach", NAME, mac).assertSuccess();
        assertThat(stock("network-list", NAME).assertSuccess().stdout().lines().count()).isEqualTo(1);
        assertThat(vifLinks(domid)).isEmpty();

        ExecResult unknown = xlj("network-detach", NAME, "7");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).isEqualTo(stock("network-detach", NAME, "7").stderr());
    }

    @Test
    @Order(7)
    void disksGoBothWaysAndLoopDevicesAreReleased() {
        consoleWhenReady();
        Path second = image("second.img", "second");
        Path third = image("third.img", "third");

        stock("block-detach", NAME, "xvda").assertSuccess();
        assertThat(losetupOf(guest.disk.orElseThrow())).as("xvda's loop device after stock detach").isEmpty();

        xlj("block-attach", NAME, "format=raw,vdev=xvdb,access=rw,target=" + second).assertSuccess();
        assertThat(losetupOf(second)).isNotEmpty();
        String list = stock("block-list", NAME).assertSuccess().stdout();
        assertThat(xlj("block-list", NAME).assertSuccess().stdout()).isEqualTo(list);
        assertThat(list).contains("51728");
        stock("block-detach", NAME, "xvdb").assertSuccess();
        assertThat(losetupOf(second)).as("xvdb's loop device after stock detach").isEmpty();

        stock("block-attach", NAME, "format=raw,vdev=xvdc,access=rw,target=" + third).assertSuccess();
        assertThat(xlj("block-list", NAME).assertSuccess().stdout())
                .isEqualTo(stock("block-list", NAME).assertSuccess().stdout());
        xlj("block-detach", NAME, "xvdc").assertSuccess();
        assertThat(losetupOf(third)).as("xvdc's loop device after xlj detach").isEmpty();
        assertThat(DomainTraces.read("/local/domain/0/backend/vbd/" + domid + "/51744")).isNull();

        ExecResult missing = xlj("block-detach", NAME, "xvdq");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo(stock("block-detach", NAME, "xvdq").stderr());
    }

    @Test
    @Order(8)
    void xljDestroyLeavesNoNodeLoopDeviceOrVif() {
        assumeTrue(domid > 0, "xlj never created the guest");
        xlj("destroy", NAME).assertSuccess();
        assertThat(TestGuest.stockXlListNames()).doesNotContain(NAME);
        assertThat(DomainTraces.nodesOf(domid, null)).isEmpty();
        assertThat(Exec.run(Duration.ofSeconds(30), "losetup", "-a").assertSuccess().stdout())
                .doesNotContain(guest.disk.orElseThrow().getParent().toString());
        assertThat(vifLinks(domid)).isEmpty();
    }

    @Test
    @Order(9)
    void xenstoreDeviceTreesAreStockXlsForTheSameConfig() {
        assumeTrue(xljTree != null, "the xlj guest never got its tree recorded");
        int readyBefore = guest.consoleCount("XLJ-GUEST: ready");
        stock("create", guest.config.toString()).assertSuccess();
        int stockDomid = XljPvLifecycleTest.stockDomid(NAME);
        try {
            // xenconsoled appends to the same log: wait for this boot's own "ready".
            java.time.Instant end = java.time.Instant.now().plus(BOOT);
            while (guest.consoleCount("XLJ-GUEST: ready") <= readyBefore) {
                assertThat(java.time.Instant.now()).as("stock guest ready in time").isBefore(end);
                TestGuest.sleep(Duration.ofMillis(500));
            }
            List<String> stockTree = deviceTree(stockDomid);
            assertThat(String.join("\n", xljTree)).isEqualTo(String.join("\n", stockTree));
        } finally {
            stock("destroy", NAME);
        }
    }

    @Test
    @Order(10)
    void aMissingBridgeFailsTheCreateWithTheScriptsErrorAndLeavesNothing() throws IOException {
        Path cfg = guest.config.resolveSibling("nobridge.cfg");
        Files.writeString(cfg, Files.readString(guest.config).replace("name = \"" + NAME + "\"",
                "name = \"xlj-nobridge\"").replace("bridge=xenbr0", "bridge=xenbr9"));
        List<String> before = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList();
        ExecResult r = xlj("create", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stderr()).contains("Could not find bridge device xenbr9");
        assertNothingLeft("xlj-nobridge", before);
    }

    @Test
    @Order(11)
    void aMissingImageFailsTheCreateAndLeavesNothing() throws IOException {
        Path cfg = guest.config.resolveSibling("noimage.cfg");
        Path missing = guest.config.resolveSibling("missing.img");
        Files.writeString(cfg, Files.readString(guest.config).replace("name = \"" + NAME + "\"",
                "name = \"xlj-noimage\"").replace("target=" + guest.disk.orElseThrow(), "target=" + missing));
        List<String> before = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList();
        ExecResult r = xlj("create", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stderr()).contains("Disk vdev=xvda failed to stat: " + missing + ": No such file or directory");
        assertNothingLeft("xlj-noimage", before);
    }

    private void assertNothingLeft(String name, List<String> before) {
        assertThat(TestGuest.stockXlListNames()).doesNotContain(name);
        List<String> after = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf)
                .filter(p -> !before.contains(p)).toList();
        assertThat(after).as("xenstore nodes the failed create left").isEmpty();
        assertThat(Exec.run(Duration.ofSeconds(30), "losetup", "-a").assertSuccess().stdout())
                .doesNotContain(guest.disk.orElseThrow().getParent().toString());
        String links = Exec.run(Duration.ofSeconds(30), "ip", "-o", "link").assertSuccess().stdout();
        assertThat(links).doesNotContain(": vif");
    }


    /** Loop devices backed by {@code file} ({@code losetup -j}). */
    private static String losetupOf(Path file) {
        return Exec.run(Duration.ofSeconds(30), "losetup", "-j", file.toString()).assertSuccess().stdout().strip();
    }

    /** Network interfaces of the domain's vifs (vifD.N). */
    private static List<String> vifLinks(int domid) {
        String links = Exec.run(Duration.ofSeconds(30), "ip", "-o", "link").assertSuccess().stdout();
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(": (vif" + domid + "\\.\\d+)[:@]").matcher(links);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private Path image(String name, String text) {
        Path p = guest.disk.orElseThrow().resolveSibling(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(4L << 20);
            f.write((text + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * The domain's vbd, qdisk and vif trees (backends, frontends, libxl's copies) with values and
     * permissions, normalised: the domain id, the random MAC and the numbers the guest's
     * frontends pick (grant references, event channels) replaced by placeholders.
     */
    static List<String> deviceTree(int domid) {
        List<String> out = new ArrayList<>();
        Pattern mine = Pattern.compile("^(/local/domain/0/backend/(vbd|qdisk|vif)/" + domid + "/"
                + "|/local/domain/" + domid + "/device/(vbd|vif)/"
                + "|/libxl/" + domid + "/device/(vbd|vif)/).*");
        for (String line : DomainTraces.xenstoreLines()) {
            String path = DomainTraces.pathOf(line);
            if (!mine.matcher(path).matches()) {
                continue;
            }
            String key = path.substring(path.lastIndexOf('/') + 1);
            String n = line.replace("/local/domain/" + domid + "/", "/local/domain/D/")
                    .replace("/" + domid + "/", "/D/")
                    .replaceAll("\\b([nrwb])" + domid + "\\b", "$1D")
                    .replaceAll("[0-9a-f]{2}(:[0-9a-f]{2}){5}", "MAC");
            if (key.equals("frontend-id")) {
                n = n.replace("\"" + domid + "\"", "\"D\"");
            }
            if (key.contains("ring-ref") || key.contains("event-channel")) {
                n = n.replaceAll(" = \"\\d+\"", " = \"N\"");
            }
            out.add(n);
        }
        return out.stream().sorted().toList();
    }
}
