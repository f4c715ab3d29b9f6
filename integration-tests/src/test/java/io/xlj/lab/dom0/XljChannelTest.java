package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
 * Channels ({@code channel=[...]}, secondary consoles served by a QEMU in dom0) on real Xen
 * 4.17, xlj's {@code xl create} side by side with stock xl for the same PV config with a
 * channel libxl refuses (the first: xl numbers channels from 0), a socket channel and a pty
 * channel: both creates say the same, and in both guests each channel echoes what dom0 writes into
 * it (the guest's init echoes on /dev/hvc1 and /dev/hvc2); the xenstore trees, the xenpv
 * QEMU's command line, {@code channel-list} and the stored config ({@code list -l}) are the
 * same; a channel without a name fails the create as stock xl fails it, leaving nothing; each
 * toolstack destroys the other's guest and no QEMU of them is left.
 */
@Tag("dom0")
@Tag("xlj-channel")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XljChannelTest {

    private static final Duration BOOT = Duration.ofSeconds(240);

    private final TestGuest stock = guest("xlj-chan-stock");
    private final TestGuest ours = guest("xlj-chan-own");
    private int stockDomid;
    private int ourDomid;
    private String stockCreateErr = "";

    /**
     * Three channels: xl numbers them from 0, and libxl refuses channel 0 (a named console 0),
     * logs it and goes on; the socket channel is console 1 (the guest's hvc1), the pty console 2.
     */
    private static TestGuest guest(String name) {
        return TestGuest.minimal(name, List.of("channel = [ \"name=org.xlj.first,connection=pty\", "
                + "\"name=org.xlj.socket,connection=socket,path=" + socketOf(name) + "\", "
                + "\"name=org.xlj.pty,connection=pty\" ]"));
    }

    private static Path socketOf(String name) {
        return Path.of("/run/" + name + ".sock");
    }

    @BeforeAll
    void toolsAreThere() {
        TestGuest.assumeBothXls();
    }

    @AfterAll
    void cleanUp() {
        stock.destroyQuietly();
        ours.destroyQuietly();
    }

    @Test
    @Order(1)
    void stockXlsGuestEchoesThroughBothChannels() {
        ExecResult r = XljPvLifecycleTest.stock("create", stock.config.toString());
        System.err.println("[channel] stock create: " + r.describe());
        stockCreateErr = r.assertSuccess().stderr().replace(stock.name, "N");
        stockDomid = domid(stock.name);
        assertEchoes(stock, stockDomid);
    }

    @Test
    @Order(2)
    void xljsGuestEchoesThroughBothChannels() {
        ExecResult r = XljPvLifecycleTest.xlj("create", ours.config.toString());
        System.err.println("[channel] xlj create: " + r.describe());
        r.assertSuccess();
        assertThat(withoutDomids(r.stderr().replace(ours.name, "N")).replaceAll("from .*/", "from "))
                .isEqualTo(withoutDomids(stockCreateErr).replaceAll("from .*/", "from "));
        ourDomid = domid(ours.name);
        assertEchoes(ours, ourDomid);
    }

    @Test
    @Order(3)
    void theXenstoreTreesAreTheSame() {
        List<String> theirs = tree(stock, stockDomid);
        System.err.println("[channel] stock tree:\n" + String.join("\n", theirs));
        assertThat(tree(ours, ourDomid)).as("xenstore of the xlj guest, normalised")
                .containsExactlyInAnyOrderElementsOf(theirs);
    }

    @Test
    @Order(4)
    void bothQemusRunTheSameCommandLine() throws IOException {
        List<String> theirs = normalisedArgs(stock, stockDomid);
        System.err.println("[channel] stock's xenpv QEMU: " + String.join(" ", theirs));
        assertThat(normalisedArgs(ours, ourDomid)).containsExactlyElementsOf(theirs);
    }

    @Test
    @Order(5)
    void channelListAndTheStoredConfigAreTheSame() {
        for (TestGuest g : List.of(stock, ours)) {
            String theirs = XljPvLifecycleTest.stock("channel-list", g.name).assertSuccess().stdout();
            System.err.println("[channel] stock channel-list " + g.name + ":\n" + theirs);
            assertThat(theirs).contains("pty");
            assertThat(XljPvLifecycleTest.xlj("channel-list", g.name).assertSuccess().stdout()).isEqualTo(theirs);
        }
        assertThat(listLong(ours)).isEqualTo(listLong(stock));
    }

    @Test
    @Order(6)
    void aChannelWithoutANameFailsAsStockXlFailsAndLeavesNothing() {
        TestGuest nameless = TestGuest.minimal("xlj-chan-noname", List.of("channel = [ \"connection=pty\" ]"));
        List<String> nodesBefore = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList();
        List<Path> userdataBefore = DomainTraces.allUserdata();
        List<Integer> domainsBefore = TestGuest.stockXlListDomids();
        ExecResult theirs = XljPvLifecycleTest.stock("create", nameless.config.toString());
        ExecResult mine = XljPvLifecycleTest.xlj("create", nameless.config.toString());
        System.err.println("[channel] nameless, stock: " + theirs.describe() + "\n[channel] nameless, xlj: "
                + mine.describe());
        assertThat(mine.exitCode()).isEqualTo(theirs.exitCode()).isNotZero();
        assertThat(withoutDomids(mine.stderr())).isEqualTo(withoutDomids(theirs.stderr()));
        assertThat(TestGuest.stockXlListDomids()).isEqualTo(domainsBefore);
        assertThat(DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList())
                .containsExactlyInAnyOrderElementsOf(nodesBefore);
        assertThat(DomainTraces.allUserdata()).isEqualTo(userdataBefore);
    }

    @Test
    @Order(7)
    void eachToolstackDestroysTheOthersGuestAndNoQemuRemains() {
        String stockUuid = uuidOf(stockDomid);
        String ourUuid = uuidOf(ourDomid);
        XljPvLifecycleTest.stock("destroy", ours.name).assertSuccess();
        XljPvLifecycleTest.xlj("destroy", stock.name).assertSuccess();
        assertThat(TestGuest.stockXlListNames()).doesNotContain(stock.name, ours.name);
        assertThat(DomainTraces.nodesOf(stockDomid, stockUuid)).isEmpty();
        assertThat(DomainTraces.nodesOf(ourDomid, ourUuid)).isEmpty();
        TestGuest.await("no QEMU of either guest", Duration.ofSeconds(30),
                () -> !qemuRuns(stockDomid) && !qemuRuns(ourDomid));
    }

    // ---- helpers ----

    private static int domid(String name) {
        return Integer.parseInt(XljPvLifecycleTest.stock("domid", name).assertSuccess().stdout().trim());
    }

    private static String uuidOf(int domid) {
        return DomainTraces.read("/local/domain/" + domid + "/vm").substring("/vm/".length());
    }

    /** The guest said both channels echo; a line sent into each comes back. */
    private static void assertEchoes(TestGuest g, int domid) {
        String log = g.awaitConsole("XLJ-GUEST: ready", BOOT);
        assertThat(log).contains("XLJ-GUEST: channel hvc1 echoing", "XLJ-GUEST: channel hvc2 echoing");
        String ping = "XLJ-CHANNEL-PING " + g.name;
        assertThat(echoThroughSocket(socketOf(g.name), ping)).contains(ping);
        assertThat(log).doesNotContain("channel hvc0", "channel hvc3");
        String tty = DomainTraces.read("/local/domain/" + domid + "/device/console/2/tty");
        assertThat(tty).startsWith("/dev/pts/");
        ExecResult r = Exec.run(Duration.ofSeconds(40), "sh", "-c",
                "stty -F \"$1\" raw -echo && exec 3<>\"$1\" && printf '%s\\n' \"$2\" >&3 && timeout 30 head -n 1 <&3",
                "sh", tty, ping + " pty");
        assertThat(r.assertSuccess().stdout()).contains(ping + " pty");
    }

    /** Connects to QEMU's socket, writes the line, reads until it came back (30 s at most). */
    private static String echoThroughSocket(Path socket, String line) {
        TestGuest.await("QEMU's channel socket " + socket, Duration.ofSeconds(30), () -> socket.toFile().exists());
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.configureBlocking(false);
            StringBuilder got = new StringBuilder();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!got.toString().contains(line) && System.nanoTime() < end) {
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    TestGuest.sleep(Duration.ofMillis(100));
                    continue;
                }
                got.append(new String(buf.array(), 0, n, StandardCharsets.US_ASCII));
            }
            return got.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("channel socket " + socket, e);
        }
    }

    private static List<String> tree(TestGuest g, int domid) {
        return XljPvhTest.tree(domid, uuidOf(domid), g.name).stream()
                .map(l -> l.replace(socketOf(g.name).toString(), "SOCKET"))
                .map(l -> DomainTraces.pathOf(l).endsWith("/port") || DomainTraces.pathOf(l).endsWith("/device-model-pid")
                        ? l.replaceAll(" = \"\\d+\"", " = \"N\"") : l)
                .sorted().toList();
    }

    private static List<String> normalisedArgs(TestGuest g, int domid) throws IOException {
        return XljHvmDeviceModelArgsTest.qemuArgsOf(domid).stream()
                .map(a -> a.replace(socketOf(g.name).toString(), "SOCKET").replace(g.name, "N")
                        .replaceAll("-" + domid + "(?=,|$)", "-D"))
                .map(a -> a.equals(Integer.toString(domid)) ? "D" : a)
                .toList();
    }

    private static String listLong(TestGuest g) {
        return XljPvLifecycleTest.stock("list", "-l", g.name).assertSuccess().stdout()
                .replace(socketOf(g.name).toString(), "SOCKET").replace(g.config.getParent().toString(), "DIR")
                .replace(g.name, "N")
                .replaceAll("\"uuid\": \"[0-9a-f-]+\"", "\"uuid\": \"U\"")
                .replaceAll("\"domid\": \\d+", "\"domid\": D");
    }

    private static String withoutDomids(String s) {
        return s.replaceAll("Domain \\d+", "Domain D").replaceAll("/\\d+/", "/D/");
    }

    private static boolean qemuRuns(int domid) {
        try {
            XljHvmDeviceModelArgsTest.qemuArgsOf(domid);
            return true;
        } catch (AssertionError | IOException e) {
            return false;
        }
    }
}
