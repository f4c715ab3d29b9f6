package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issues 7 and 9 in the lab: {@code xl cd-insert} and {@code xl cd-eject} on paused HVM
 * guests (the lab's HVM sample with a cdrom hdd holding an image and an empty one, hdc,
 * both qdisk-backed by the guest's QEMU as libxl forces), xlj on the guest it made and stock
 * xl on its own, side by side: the same exit codes and messages, the same vbd entries and
 * stored config afterwards, and QEMU's drive holding the medium (query-block); each
 * toolstack changes the other's guest's medium too; an insert into the drive created empty
 * (which kills this lab's QEMU under stock xl) answers as stock's does; the refusals (a PV
 * guest, a vdev that is no cdrom, a missing file, no such domain) are stock xl's.
 */
@Tag("dom0")
@Tag("xlj-hvm")
@Tag("xlj-cdrom")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XljCdromTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HDC = 5632;
    private static final int HDD = 5696;

    private Path dir;
    private Path isoA;
    private Path isoB;
    private final Guest stock = new Guest("xlj-cd-stock");
    private final Guest ours = new Guest("xlj-cd-own");
    private TestGuest pv;

    static final class Guest {
        final String name;
        int domid;

        Guest(String name) {
            this.name = name;
        }
    }

    @BeforeAll
    void createBothGuestsPaused() throws IOException {
        TestGuest.assumeBothXls();
        assumeTrue(Files.isExecutable(Path.of("/usr/libexec/xen-qemu-system-i386")), "no qemu-system-xen");
        dir = Files.createTempDirectory("xlj-cdrom");
        isoA = image("a.iso");
        isoB = image("b.iso");
        for (Guest g : List.of(stock, ours)) {
            Path cfg = XljHvmTest.writeConfig(g.name, List.of("disk = [ "
                    + "\"vdev=hdc,devtype=cdrom,access=ro,format=empty,target=\", "
                    + "\"vdev=hdd,devtype=cdrom,access=ro,format=raw,target=" + image(g.name + ".iso") + "\" ]"));
            ExecResult r = g == stock ? XljPvLifecycleTest.stock("create", "-p", cfg.toString())
                    : XljPvLifecycleTest.xlj("create", "-p", cfg.toString());
            System.err.println("[cdrom] create -p " + g.name + ": " + r.describe());
            r.assertSuccess();
            g.domid = Integer.parseInt(XljPvLifecycleTest.stock("domid", g.name).assertSuccess().stdout().trim());
            // Left paused: two HVM guests booting under TCG starve dom0's one vCPU (and the QEMU
            // in prelaunch changes media as a running one does).
        }
    }

    /** The end of a guest's device model log and whether its QEMU still runs, for failure messages. */
    private static String qemuState(Guest g) {
        String log;
        try {
            List<String> lines = Files.readAllLines(Path.of("/var/log/xen/qemu-dm-" + g.name + ".log"),
                    StandardCharsets.ISO_8859_1);
            log = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            log = "(no log: " + e + ")";
        }
        boolean alive;
        try {
            alive = !XljHvmTest.qemuOf(g.domid).isEmpty();
        } catch (IOException e) {
            alive = false;
        }
        return g.name + "'s QEMU " + (alive ? "runs" : "is gone") + "; its log ends:\n" + log;
    }

    private void change(String what, Guest g, ExecResult r) {
        System.err.println("[cdrom] " + what + ", " + g.name + ": " + r.describe());
        assertThat(r.exitCode()).as("%s on %s; %s", what, g.name, qemuState(g)).isZero();
    }

    @AfterAll
    void destroyThem() {
        for (String name : List.of(stock.name, ours.name, "xlj-cd-pv")) {
            if (TestGuest.stockXlListNames().contains(name)) {
                Exec.run(Duration.ofSeconds(120), TestGuest.STOCK_XL, "destroy", name);
            }
        }
    }

    private Path image(String name) throws IOException {
        return TestGuest.markedDisk(dir.resolve(name), name);
    }

    @Test
    @Order(0)
    void bothMadeTheSameCdromDevices() {
        List<String> theirs = XljDevicesTest.deviceTree(stock.domid).stream().map(l -> l.replace(stock.name, "G"))
                .toList();
        List<String> mine = XljDevicesTest.deviceTree(ours.domid).stream().map(l -> l.replace(ours.name, "G"))
                .toList();
        System.err.println("[cdrom] stock's cdrom devices:\n" + String.join("\n", theirs));
        assertThat(theirs).anyMatch(l -> l.startsWith("/local/domain/0/backend/qdisk/D/" + HDD + "/params"));
        assertThat(mine).containsExactlyElementsOf(theirs);
    }

    @Test
    @Order(1)
    void bothChangeTheImageOfADriveThatHasOneAlike() throws IOException {
        ExecResult theirs = XljPvLifecycleTest.stock("cd-insert", stock.name, "hdd", isoA.toString());
        ExecResult mine = XljPvLifecycleTest.xlj("cd-insert", ours.name, "hdd", isoA.toString());
        change("cd-insert hdd", stock, theirs);
        change("cd-insert hdd", ours, mine);
        assertThat(mine.stderr()).isEqualTo(theirs.stderr());
        assertSameState("after cd-insert hdd", HDD);
        assertThat(medium(ours, HDD)).as("xlj's guest's QEMU").startsWith("/dev/fdset/");
    }

    @Test
    @Order(2)
    void bothEjectItAlike() throws IOException {
        ExecResult theirs = XljPvLifecycleTest.stock("cd-eject", stock.name, "hdd");
        ExecResult mine = XljPvLifecycleTest.xlj("cd-eject", ours.name, "hdd");
        change("cd-eject hdd", stock, theirs);
        change("cd-eject hdd", ours, mine);
        assertThat(mine.stderr()).isEqualTo(theirs.stderr());
        assertSameState("after cd-eject", HDD);
        assertThat(medium(ours, HDD)).as("xlj's guest's QEMU").isEmpty();
    }

    @Test
    @Order(3)
    void eachToolstackChangesTheOthersMedium() throws IOException {
        change("xlj cd-insert hdd", stock, XljPvLifecycleTest.xlj("cd-insert", stock.name, "hdd", isoB.toString()));
        change("stock cd-insert hdd", ours, XljPvLifecycleTest.stock("cd-insert", ours.name, "hdd", isoB.toString()));
        assertSameState("after the crossed cd-insert", HDD);
        assertThat(medium(stock, HDD)).startsWith("/dev/fdset/");
        assertThat(DomainTraces.read("/local/domain/0/backend/qdisk/" + stock.domid + "/" + HDD + "/params"))
                .isEqualTo("aio:" + isoB);
        change("stock cd-eject hdd", ours, XljPvLifecycleTest.stock("cd-eject", ours.name, "hdd"));
        change("xlj cd-eject hdd", stock, XljPvLifecycleTest.xlj("cd-eject", stock.name, "hdd"));
        assertSameState("after the crossed cd-eject", HDD);
    }

    /**
     * A drive that was created empty: in this lab Debian's QEMU 7.2 dies when stock xl
     * inserts a medium into it (the QMP socket is reset), so only the two toolstacks'
     * answers are compared, whatever they are.
     */
    @Test
    @Order(4)
    void intoADriveCreatedEmptyBothInsertAlike() {
        ExecResult theirs = XljPvLifecycleTest.stock("cd-insert", stock.name, "hdc", isoA.toString());
        ExecResult mine = XljPvLifecycleTest.xlj("cd-insert", ours.name, "hdc", isoA.toString());
        System.err.println("[cdrom] insert into the empty hdc, stock: " + theirs.describe() + "\n" + qemuState(stock)
                + "\n[cdrom] insert into the empty hdc, xlj: " + mine.describe() + "\n" + qemuState(ours));
        assertThat(mine.exitCode()).isEqualTo(theirs.exitCode());
        assertThat(mine.stderr().replaceAll("Domain \\d+:", "Domain D:").replaceAll("qmp-libxl-\\d+", "qmp-libxl-D"))
                .isEqualTo(theirs.stderr().replaceAll("Domain \\d+:", "Domain D:")
                        .replaceAll("qmp-libxl-\\d+", "qmp-libxl-D"));
    }

    @Test
    @Order(5)
    void theRefusalsAreStockXls() throws IOException {
        pv = TestGuest.minimal("xlj-cd-pv");
        XljPvLifecycleTest.stock("create", "-p", pv.config.toString()).assertSuccess();
        List<List<String>> cases = List.of(
                List.of("cd-insert", "xlj-cd-pv", "hdc", isoA.toString()),
                List.of("cd-insert", "GUEST", "hdb", isoA.toString()),
                List.of("cd-insert", "GUEST", "hdc", dir.resolve("missing.iso").toString()),
                List.of("cd-eject", "nosuchdomain", "hdc"));
        for (List<String> c : cases) {
            ExecResult theirs = XljPvLifecycleTest.stock(withGuest(c, stock));
            ExecResult mine = XljPvLifecycleTest.xlj(withGuest(c, ours));
            System.err.println("[cdrom] " + c + ", stock: " + theirs.describe() + "\n[cdrom] " + c + ", xlj: "
                    + mine.describe());
            assertThat(mine.exitCode()).as("%s", c).isEqualTo(theirs.exitCode());
            assertThat(mine.stderr().replace(ours.name, "GUEST").replaceAll("Domain \\d+:", "Domain D:"))
                    .as("%s", c).isEqualTo(theirs.stderr().replace(stock.name, "GUEST")
                            .replaceAll("Domain \\d+:", "Domain D:"));
        }
        assertThat(vbdState(ours, HDD)).isEqualTo(vbdState(stock, HDD));
    }

    private static String[] withGuest(List<String> c, Guest g) {
        return c.stream().map(a -> a.equals("GUEST") ? g.name : a).toArray(String[]::new);
    }

    /** The drive's vbd entries, the stored config's disks and QEMU's medium are the same for both guests. */
    private void assertSameState(String when, int devno) throws IOException {
        assertThat(vbdState(ours, devno)).as("vbd %s of xlj's guest %s", devno, when)
                .isEqualTo(vbdState(stock, devno));
        assertThat(storedDisks(ours)).as("stored disks of xlj's guest %s", when).isEqualTo(storedDisks(stock));
        assertThat(medium(ours, devno).isEmpty()).as("xlj's guest's drive empty %s", when)
                .isEqualTo(medium(stock, devno).isEmpty());
    }

    /** type and params of the drive's backend and libxl's copy, the guest's own image named G. */
    private static List<String> vbdState(Guest g, int devno) {
        List<String> out = new ArrayList<>();
        String be = DomainTraces.read("/libxl/" + g.domid + "/device/vbd/" + devno + "/backend");
        for (String base : List.of(be, "/libxl/" + g.domid + "/device/vbd/" + devno)) {
            for (String key : List.of("type", "params")) {
                out.add(key + "=" + DomainTraces.read(base + "/" + key).replace(g.name, "G"));
            }
        }
        return out;
    }

    /** The disks of {@code xl list -l} (stock xl reads the stored config), the guest's own image named G. */
    private static String storedDisks(Guest g) throws IOException {
        String out = XljPvLifecycleTest.stock("list", "-l", g.name).assertSuccess().stdout();
        JsonNode config = JSON.readTree(out).get(0).path("config");
        return config.path("disks").toString().replace(g.name, "G");
    }

    /** The file of the medium QEMU's drive ide-DEVNO holds, "" when empty (QMP query-block). */
    private static String medium(Guest g, int devno) throws IOException {
        Path sock = Path.of("/var/run/xen/qmp-libxl-" + g.domid);
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(ch);
            in.readLine();
            out.write("{\"execute\":\"qmp_capabilities\",\"id\":1}\n{\"execute\":\"query-block\",\"id\":2}\n"
                    .getBytes(StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode r = JSON.readTree(line);
                if (r.path("id").asInt() != 2) {
                    continue;
                }
                for (JsonNode drive : r.path("return")) {
                    if (drive.path("qdev").asText().equals("ide-" + devno)
                            || drive.path("device").asText().equals("ide-" + devno)) {
                        return drive.path("inserted").path("file").asText("");
                    }
                }
                throw new AssertionError("no drive ide-" + devno + " in QEMU's query-block: " + r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("QMP of " + g.name + " (" + sock + ")", e);
        }
        throw new AssertionError("QMP of " + g.name + " closed");
    }
}
