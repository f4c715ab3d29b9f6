package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * Issue 9 in the lab, PVH part: xlj's own {@code xl} creates a PVH guest (type="pvh", the
 * test kernel booted directly, no device model) on real Xen 4.17, with Xen's stock xl as the
 * oracle side by side for the same config: both guests print their console marker, read
 * the marker on their raw file disk and write it back, ping dom0 over their vif, the
 * memory map and ACPI tables their kernels report are the same, their xenstore trees are
 * the same once domid, uuid, name and times are set aside, each toolstack destroys the
 * other's guest (no vif, no loop device left), and a PVH create that fails leaves nothing behind.
 */
@Tag("dom0")
@Tag("xlj-pvh")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XljPvhTest {

    private static final Duration BOOT = Duration.ofSeconds(240);

    private final Guest stock = new Guest("xlj-pvh-stock", "00:16:3e:5b:00:01", "10.99.0.51");
    private final Guest ours = new Guest("xlj-pvh-own", "00:16:3e:5b:00:02", "10.99.0.52");

    /**
     * One PVH guest: the lab's test kernel (an ELF with a PVH entry) and initramfs, a raw file
     * disk with a marker and a vif on xenbr0.
     */
    static final class Guest {
        final String name;
        final String ip;
        final Path disk;
        final Path config;
        int domid;
        String uuid;
        /** How many times this guest has started: a restart by its toolstack makes it two. */
        int boots;

        Guest(String name, String mac, String ip) {
            this.name = name;
            this.ip = ip;
            try {
                Path dir = Files.createTempDirectory("xlj-pvh-" + name);
                this.disk = TestGuest.markedDisk(dir.resolve(name + ".img"), name);
                this.config = writeConfig(name, TestGuest.KERNEL.toString(), List.of(
                        "disk = [ \"format=raw,vdev=xvda,access=rw,target=" + disk + "\" ]",
                        "vif = [ \"mac=" + mac + ",bridge=xenbr0\" ]"), " xljlab.ip=" + ip + "/24");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The guest read its disk's marker and wrote it back, and pinged dom0; dom0 pings it. */
        void assertDiskAndNetworkWork(String console) {
            assertThat(console).contains("XLJ-GUEST: disk-read XLJ-DISK-IN " + name, "XLJ-GUEST: disk-written",
                    "XLJ-GUEST: ping-ok 10.99.0.1");
            assertThat(TestGuest.diskWriteBack(disk)).isEqualTo("XLJ-DISK-OUT " + name);
            TestGuest.assertDom0Pings(ip);
        }

        Path consoleLog() {
            return TestGuest.CONSOLE_LOG_DIR.resolve("guest-" + name + ".log");
        }

        /** Waits until the current boot of the guest has printed {@code marker}. */
        String awaitConsole(String marker) {
            long end = System.nanoTime() + BOOT.toNanos();
            while (true) {
                String log = console();
                if (log.split(Pattern.quote(marker), -1).length > boots) {
                    return log;
                }
                if (System.nanoTime() > end) {
                    throw new AssertionError("guest " + name + ": no '" + marker + "' on its console within " + BOOT
                            + "; " + consoleLog() + " holds:\n" + log);
                }
                TestGuest.sleep(Duration.ofMillis(500));
            }
        }

        String console() {
            return read(consoleLog());
        }

        void learnIds() {
            readIds();
            boots++;
        }

        private void readIds() {
            domid = XljPvLifecycleTest.stockDomid(name);
            uuid = DomainTraces.read("/local/domain/" + domid + "/vm").substring("/vm/".length());
        }

        /**
         * Under QEMU 7.2's TCG a running guest is now and then hit while dom0 builds another
         * domain (lab README, "Session 4"); a PVH guest's triple fault is a reboot, which its
         * toolstack answers with a restart under a new domid. The comparisons then go on
         * with the new domain once it is ready again, and the restart is shown with what Xen
         * and the toolstack logged about it, so that one xlj caused would be seen.
         */
        void followRestart() {
            int before = domid;
            readIds();
            if (domid == before) {
                return;
            }
            boots++;
            System.err.println("[pvh] " + name + " was restarted: domain " + before + " is now " + domid
                    + "\n--- its xl log ---\n" + lastLines(read(Path.of("/var/log/xen/xl-" + name + ".log")), 15)
                    + "\n--- xl dmesg ---\n"
                    + lastLines(Exec.run(Duration.ofSeconds(30), TestGuest.STOCK_XL, "dmesg").stdout(), 15)
                    + "\n--- its console ---\n" + lastLines(console(), 30));
            awaitConsole("XLJ-GUEST: ready");
        }

        void destroyQuietly() {
            if (TestGuest.stockXlListNames().contains(name)) {
                Exec.run(Duration.ofSeconds(60), TestGuest.STOCK_XL, "destroy", name);
            }
        }
    }

    /** A log file's text, empty when there is none. */
    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String lastLines(String text, int n) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    static Path writeConfig(String name, String kernel, List<String> devices, String extraArgs) {
        try {
            Path dir = Files.createTempDirectory("xlj-pvh-" + name);
            Path cfg = dir.resolve(name + ".cfg");
            List<String> lines = new java.util.ArrayList<>(List.of(
                    "name = \"" + name + "\"",
                    "type = \"pvh\"",
                    "kernel = \"" + kernel + "\"",
                    "ramdisk = \"" + TestGuest.INITRD + "\"",
                    "extra = \"console=hvc0 rdinit=/init" + extraArgs + "\"",
                    "memory = 128",
                    "vcpus = 1",
                    "on_poweroff = \"destroy\"",
                    "on_crash = \"destroy\""));
            lines.addAll(devices);
            Files.write(cfg, lines);
            return cfg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    static ExecResult xlj(String... args) {
        return XljPvLifecycleTest.xlj(args);
    }

    static ExecResult stock(String... args) {
        return XljPvLifecycleTest.stock(args);
    }

    @Test
    @Order(1)
    void stockXlBootsThePvhGuest() {
        stock("create", stock.config.toString()).assertSuccess();
        stock.learnIds();
        String log = stock.awaitConsole("XLJ-GUEST: ready");
        System.err.println("[pvh] stock guest's memory map and ACPI:\n" + String.join("\n", bootFacts(log)));
        stock.assertDiskAndNetworkWork(log);
    }

    @Test
    @Order(2)
    void xljBootsThePvhGuestAndStockXlListsIt() {
        ExecResult r = xlj("create", ours.config.toString());
        System.err.println("[pvh] xlj create: " + r.describe());
        r.assertSuccess();
        assertThat(r.stderr()).isEqualTo("Parsing config from " + ours.config + "\n");
        ours.learnIds();
        String log = ours.awaitConsole("XLJ-GUEST: ready");
        System.err.println("[pvh] xlj guest's memory map and ACPI:\n" + String.join("\n", bootFacts(log)));
        assertThat(log).contains("XLJ-GUEST: boot kernel=");
        ours.assertDiskAndNetworkWork(log);
        assertThat(TestGuest.stockXlListNames()).contains(ours.name, stock.name);
        // stock xl reads xlj's userdata: its long listing names the guest a PVH one.
        String listLong = stock("list", "-l", ours.name).assertSuccess().stdout();
        assertThat(listLong).contains("\"type\": \"pvh\"");
    }

    @Test
    @Order(3)
    void bothKernelsSeeTheSameMemoryMapAndAcpiTables() {
        stock.followRestart();
        ours.followRestart();
        List<String> theirs = bootFacts(stock.console());
        List<String> mine = bootFacts(ours.console());
        assertThat(theirs).as("e820/ACPI lines of the stock xl guest").isNotEmpty();
        assertThat(mine).as("e820/ACPI lines of the xlj guest (stock xl's guest first)\n%s",
                String.join("\n", theirs)).containsExactlyElementsOf(theirs);
    }

    @Test
    @Order(4)
    void theXenstoreTreesAreTheSame() {
        stock.followRestart();
        ours.followRestart();
        List<String> theirs = tree(stock);
        List<String> mine = tree(ours);
        System.err.println("[pvh] stock tree:\n" + String.join("\n", theirs));
        assertThat(mine).as("xenstore of the xlj guest, normalised").containsExactlyInAnyOrderElementsOf(theirs);
    }

    /** libxl_set_vcpuonline treats a PVH guest as a PV one (its cpu/N/availability nodes); mem-set as libxl does. */
    @Test
    @Order(5)
    void vcpuSetAndMemSetOfAPvhGuestAnswerAsStockXls() {
        stock.followRestart();
        ours.followRestart();
        for (String count : List.of("1", "2", "0")) {
            ExecResult mine = xlj("vcpu-set", ours.name, count);
            ExecResult theirs = stock("vcpu-set", stock.name, count);
            System.err.println("[pvh] vcpu-set " + count + ", xlj: " + mine.describe() + "\n[pvh] stock: "
                    + theirs.describe());
            assertThat(mine.exitCode()).as("exit code of vcpu-set %s", count).isEqualTo(theirs.exitCode());
            if (count.equals("1")) {
                // The refusals' lines end with whatever errno libxl had (LOGED): exit codes only.
                assertThat(mine.stderr()).isEqualTo(theirs.stderr()).isEmpty();
            }
        }
        assertThat(DomainTraces.read("/local/domain/" + ours.domid + "/cpu/0/availability")).isEqualTo("online");

        // libxl_set_memory_target of a translated guest sets its PoD target too.
        for (String target : List.of("100m", "400m")) {
            ExecResult mine = xlj("mem-set", ours.name, target);
            ExecResult theirs = stock("mem-set", stock.name, target);
            System.err.println("[pvh] mem-set " + target + ", xlj: " + mine.describe() + "\n[pvh] stock: "
                    + theirs.describe());
            assertThat(mine.exitCode()).as("exit code of mem-set %s", target).isEqualTo(theirs.exitCode());
            for (String node : List.of("/memory/target", "/memory/static-max")) {
                assertThat(DomainTraces.read("/local/domain/" + ours.domid + node)).as("%s after mem-set %s", node,
                        target).isEqualTo(DomainTraces.read("/local/domain/" + stock.domid + node));
            }
            assertThat(DomainTraces.read("/vm/" + ours.uuid + "/memory"))
                    .isEqualTo(DomainTraces.read("/vm/" + stock.uuid + "/memory"));
        }
    }

    @Test
    @Order(6)
    void eachToolstackDestroysTheOthersPvhGuestAndNothingRemains() {
        stock.followRestart();
        ours.followRestart();
        List<String> loopsBefore = loopDevices();
        stock("destroy", ours.name).assertSuccess();
        ExecResult r = xlj("destroy", stock.name);
        r.assertSuccess();
        assertThat(r.stderr()).isEmpty();
        List<String> names = TestGuest.stockXlListNames();
        assertThat(names).doesNotContain(ours.name, stock.name);
        for (Guest g : List.of(stock, ours)) {
            assertThat(DomainTraces.nodesOf(g.domid, g.uuid)).as("nodes of %s", g.name).isEmpty();
            assertThat(DomainTraces.userdataOf(g.domid, g.uuid)).as("userdata of %s", g.name).isEmpty();
            assertThat(Path.of("/sys/class/net/vif" + g.domid + ".0")).as("vif of %s", g.name).doesNotExist();
        }
        assertThat(loopDevices()).as("loop devices before the destroys: %s", loopsBefore)
                .noneMatch(l -> l.contains(stock.name + ".img") || l.contains(ours.name + ".img"));
    }

    /** losetup's list: which images are attached to loop devices. */
    static List<String> loopDevices() {
        return Exec.run(Duration.ofSeconds(30), "losetup", "-a").assertSuccess().stdout().lines().toList();
    }

    @Test
    @Order(7)
    void aPvhGuestWithAMissingKernelLeavesNothingBehind() {
        Path cfg = writeConfig("xlj-pvh-nokernel", "/nonexistent/vmlinux", List.of(), "");
        List<String> nodesBefore = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList();
        List<Path> userdataBefore = DomainTraces.allUserdata();
        List<Integer> domainsBefore = TestGuest.stockXlListDomids();

        ExecResult mine = xlj("create", cfg.toString());
        ExecResult theirs = stock("create", cfg.toString());
        System.err.println("[pvh] missing kernel, xlj: " + mine.describe() + "\n[pvh] missing kernel, stock: "
                + theirs.describe());
        assertThat(mine.stderr()).startsWith("Parsing config from " + cfg + "\n").contains("libxl: error: ");
        assertThat(mine.exitCode()).isEqualTo(theirs.exitCode()).isEqualTo(3);
        assertThat(TestGuest.stockXlListDomids()).isEqualTo(domainsBefore);
        List<String> nodesAfter = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList();
        assertThat(nodesAfter).containsExactlyInAnyOrderElementsOf(nodesBefore);
        assertThat(DomainTraces.allUserdata()).isEqualTo(userdataBefore);
    }

    /** The kernel's view of its memory map and ACPI tables in its last boot, without the timestamps. */
    static List<String> bootFacts(String console) {
        Pattern fact = Pattern.compile("(BIOS-e820: .*|ACPI: (RSDP|XSDT|RSDT|FACP|DSDT|FACS|APIC) .*)");
        return console.substring(Math.max(0, console.lastIndexOf("Linux version"))).lines().map(l -> l.replaceFirst("^\\[ *\\d+\\.\\d+\\] ", "").strip())
                .map(fact::matcher).filter(Matcher::find).map(Matcher::group).toList();
    }

    /**
     * The guest's xenstore nodes with values and permissions, its domid, uuid and name
     * replaced by D, U and N, its start time and pty by placeholders.
     */
    static List<String> tree(Guest g) {
        return tree(g.domid, g.uuid, g.name);
    }

    /** {@link #tree(Guest)} of any guest. */
    static List<String> tree(int domid, String uuid, String name) {
        String id = Integer.toString(domid);
        return DomainTraces.xenstoreLines().stream()
                .filter(l -> owned(l, domid, uuid))
                .map(l -> l.replace(uuid, "U")
                        .replaceAll("/local/domain/" + id + "(?=[/ \"]|$)", "/local/domain/D")
                        .replaceAll("/libxl/" + id + "(?=[/ \"]|$)", "/libxl/D")
                        .replaceAll("(/backend/[^/]+/)" + id + "(?=[/ \"]|$)", "$1D")
                        .replaceAll("\\b([nrwb])" + id + "\\b", "$1D")
                        .replaceAll("((?:frontend-id|backend-id|/domid) = )\"" + id + "\"", "$1\"D\"")
                        .replace("\"" + name + "\"", "\"N\"")
                        .replaceAll("start_time = \"[0-9.]+\"", "start_time = \"T\"")
                        .replaceAll("/dev/pts/\\d+", "/dev/pts/P"))
                .map(l -> DomainTraces.normaliseDeviceValues(l, name))
                .sorted().toList();
    }

    private static boolean owned(String line, int domid, String uuid) {
        String p = DomainTraces.pathOf(line);
        String id = Integer.toString(domid);
        return p.matches("/local/domain/" + id + "(/.*)?") || p.matches("/local/domain/\\d+/backend/[^/]+/" + id + "(/.*)?")
                || p.matches("/libxl/" + id + "(/.*)?") || p.matches("/vm/" + Pattern.quote(uuid) + "(/.*)?");
    }
}
