package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 6's bootloader in the lab: a PV guest with {@code bootloader = "pygrub"} and no kernel
 * in its config, booted from an ext4 image (made here with {@code mkfs.ext4 -d}) that holds
 * the test kernel, its initramfs and a grub.cfg whose kernel line carries the console and
 * /init. Stock xl 4.17 is the oracle: it boots the guest first, then xlj's xl boots the same
 * config; both guests print the test guest's markers (so pygrub's kernel, ramdisk and
 * command line were used), their long listings and /vm image entries agree, and no bootloader
 * file stays in /var/lib/xen. Bootloaders that fail (/bin/false, a disk without grub config,
 * no disk) fail xlj's create with stock xl's lines and leave nothing, and so does an xlj create
 * made to fail in and after the bootloader step. libxl runs a PVH guest's bootloader as a PV
 * guest's: the same disk boots a PVH guest through pygrub with both toolstacks. A disk dom0
 * cannot read in place (a qcow2 image, a disk behind a hotplug script) is attached to dom0
 * for pygrub and detached after it, by both toolstacks alike.
 */
@Tag("dom0")
@Tag("xlj-boot")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XljBootloaderTest {

    private static final Duration BOOT = Duration.ofSeconds(240);
    private static final Duration MKFS = Duration.ofMinutes(5);
    private static final Path PYGRUB = Path.of("/usr/lib/xen-4.17/bin/pygrub");
    private static final Path XEN_LIB = Path.of("/var/lib/xen");
    private static final String NAME = "xlj-boot";

    /** grub.cfg as grub2 writes it, read by pygrub's Grub2ConfigFile; a short menu timeout for stock's pty. */
    static final String GRUB_CFG = """
            set default=0
            set timeout=1
            menuentry 'xlj lab test guest' {
            \tlinux /boot/vmlinux console=hvc0 rdinit=/init
            \tinitrd /boot/initrd.img
            }
            """;

    private Path work;
    /** The ext4 image with kernel, initrd and grub.cfg; each boot gets a fresh copy at {@link #disk}. */
    private Path bootImage;
    private Path disk;
    private TestGuest guest;
    private String stockListLong;
    private String stockCmdline;

    @BeforeAll
    void buildTheBootDisk() throws IOException {
        assumeTrue(Files.isExecutable(Path.of(XljPvLifecycleTest.XLJ)), "no xlj distribution");
        assumeTrue(Files.isExecutable(Path.of(TestGuest.STOCK_XL)), "no stock xl");
        assumeTrue(Files.isExecutable(PYGRUB), "no pygrub");
        Path scratch = Path.of("/var/lib/xlj-lab");
        work = Files.createTempDirectory(Files.isDirectory(scratch) ? scratch : Path.of("/tmp"), "boot");
        Path root = work.resolve("root");
        Files.createDirectories(root.resolve("boot/grub"));
        Files.copy(TestGuest.KERNEL, root.resolve("boot/vmlinux"));
        Files.copy(TestGuest.INITRD, root.resolve("boot/initrd.img"));
        Files.writeString(root.resolve("boot/grub/grub.cfg"), GRUB_CFG);
        long mb = (Files.size(TestGuest.KERNEL) + Files.size(TestGuest.INITRD)) / (1 << 20) + 48;
        bootImage = work.resolve("boot.ext4");
        Exec.run(MKFS, "mkfs.ext4", "-q", "-F", "-L", "xljboot", "-d", root.toString(), bootImage.toString(),
                mb + "M").assertSuccess();
        disk = work.resolve("disk.img");
        guest = TestGuest.minimal(NAME);
        Files.writeString(guest.config, config(NAME, "pygrub", disk));
        guest.destroyQuietly();
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (guest != null) {
            guest.destroyQuietly();
        }
        for (String n : List.of(NAME + "-false", NAME + "-nogrub", NAME + "-nodisk", NAME + "-fault",
                NAME + "-pvh", NAME + "-qcow2", NAME + "-script")) {
            if (TestGuest.stockXlListNames().contains(n)) {
                stock("destroy", n);
            }
        }
        if (work != null) {
            Exec.run(Duration.ofSeconds(60), "rm", "-rf", work.toString());
        }
    }

    private static ExecResult xlj(String... args) {
        return XljPvLifecycleTest.xlj(args);
    }

    private static ExecResult stock(String... args) {
        return XljPvLifecycleTest.stock(args);
    }

    private static String config(String name, String bootloader, Path disk) {
        return "name = \"" + name + "\"\n"
                + "type = \"pv\"\n"
                + "bootloader = \"" + bootloader + "\"\n"
                + "memory = 128\n"
                + "vcpus = 1\n"
                + "on_poweroff = \"destroy\"\n"
                + "on_crash = \"destroy\"\n"
                + (disk == null ? "" : "disk = [ \"format=raw,vdev=xvda,access=rw,target=" + disk + "\" ]\n");
    }

    /** A fresh copy of the boot image: the test guest writes into its disk at 4 KiB, inside the file system. */
    private void freshDisk() {
        Exec.run(MKFS, "cp", "--sparse=always", bootImage.toString(), disk.toString()).assertSuccess();
        Exec.run(Duration.ofSeconds(60), "sync").assertSuccess();
    }

    /** What a bootloader leaves in /var/lib/xen: bootloader.N.out, bootloader.N.d (and anything in it). */
    static List<String> bootloaderLeftovers() {
        try (Stream<Path> s = Files.list(XEN_LIB)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("bootloader.")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The boot of one toolstack: create, markers on the console, the bootloader's files gone. */
    private int boots(String who, ExecResult create) {
        return boots(who, guest, NAME, create);
    }

    private static int boots(String who, TestGuest guest, String name, ExecResult create) {
        System.err.println("[boot] " + who + " create: " + create.describe());
        if (create.exitCode() != 0) {
            throw new AssertionError(who + " create failed: " + create.describe());
        }
        assertThat(create.stderr()).isEqualTo("Parsing config from " + guest.config + "\n");
        int domid = XljPvLifecycleTest.stockDomid(name);
        assertThat(bootloaderLeftovers()).as("bootloader files after %s's create", who).isEmpty();
        assertThat(Files.exists(Path.of("/var/log/xen/bootloader." + domid + ".log"))).as("the bootloader log").isTrue();
        String console = guest.awaitConsole("XLJ-GUEST: ready", BOOT);
        // The kernel and /init came from the disk, console= and rdinit= from grub.cfg alone.
        assertThat(console).contains("XLJ-GUEST: boot kernel=", "XLJ-GUEST: disk-read");
        return domid;
    }

    private static String vmImage(int domid, String key) {
        String vm = DomainTraces.read("/local/domain/" + domid + "/vm");
        return DomainTraces.read(vm + "/image/" + key);
    }

    private static String normaliseListLong(String json, int domid) {
        return json.replaceAll("\"domid\": " + domid + "\\b", "\"domid\": D")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID");
    }

    private static void assertImageEntries(int domid, String who) {
        String dir = "/var/lib/xen/bootloader." + domid + ".d/";
        assertThat(vmImage(domid, "kernel")).as("%s's image/kernel", who).matches(java.util.regex.Pattern.quote(dir)
                + "boot_kernel\\.[A-Za-z0-9_]+");
        assertThat(vmImage(domid, "ramdisk")).as("%s's image/ramdisk", who).matches(java.util.regex.Pattern.quote(dir)
                + "boot_ramdisk\\.[A-Za-z0-9_]+");
        assertThat(vmImage(domid, "cmdline")).as("%s's image/cmdline", who).isEqualTo("console=hvc0 rdinit=/init");
    }

    @Test
    @Order(1)
    void stockXlBootsTheGuestThroughPygrub() throws IOException {
        freshDisk();
        Files.deleteIfExists(guest.consoleLog());
        int domid = boots("stock", stock("create", guest.config.toString()));
        assertImageEntries(domid, "stock");
        stockCmdline = vmImage(domid, "cmdline");
        stockListLong = normaliseListLong(stock("list", "-l", NAME).assertSuccess().stdout(), domid);
        System.err.println("[boot] stock list -l:\n" + stockListLong);
        stock("destroy", NAME).assertSuccess();
    }

    @Test
    @Order(2)
    void xljBootsTheSameConfigThroughPygrubAndListsItAsStockXlDid() throws IOException {
        freshDisk();
        Files.deleteIfExists(guest.consoleLog());
        int domid = boots("xlj", xlj("create", guest.config.toString()));
        try {
            String vm = DomainTraces.read("/local/domain/" + domid + "/vm");
            String uuid = vm.substring("/vm/".length());
            assertImageEntries(domid, "xlj");
            assertThat(vmImage(domid, "cmdline")).isEqualTo(stockCmdline);
            String theirsOfOurs = normaliseListLong(stock("list", "-l", NAME).assertSuccess().stdout(), domid);
            String oursOfOurs = normaliseListLong(xlj("list", "-l", NAME).assertSuccess().stdout(), domid);
            assumeTrue(stockListLong != null, "stock xl's guest never booted");
            assertThat(theirsOfOurs).as("stock xl's list -l of xlj's guest").isEqualTo(stockListLong);
            assertThat(oursOfOurs).as("xlj's list -l of its guest").isEqualTo(stockListLong);

            xlj("destroy", NAME).assertSuccess();
            assertThat(DomainTraces.nodesOf(domid, uuid)).isEmpty();
            assertThat(DomainTraces.userdataOf(domid, uuid)).isEmpty();
            assertThat(Exec.run(Duration.ofSeconds(30), "losetup", "-a").assertSuccess().stdout())
                    .doesNotContain(work.toString());
        } finally {
            guest.destroyQuietly();
        }
    }

    /** What a failed create must not leave: domains, xenstore nodes, userdata, loop devices, bootloader files. */
    private record Traces(List<Integer> domids, List<String> nodes, List<Path> userdata, String loops,
                          List<String> bootloader) {
        static Traces now(Path work) {
            String loops = Exec.run(Duration.ofSeconds(30), "losetup", "-a").assertSuccess().stdout();
            return new Traces(TestGuest.stockXlListDomids(),
                    DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).sorted().toList(),
                    DomainTraces.allUserdata(), loops.contains(work.toString()) ? loops : "", bootloaderLeftovers());
        }
    }

    /** Stderr with the domid, the bootloader's pid and the log's number set aside. */
    private static String normaliseErrors(String stderr) {
        return stderr.replaceAll("Domain \\d+:", "Domain D:").replaceAll("bootloader \\[\\d+\\]", "bootloader [PID]")
                .replaceAll("bootloader\\.\\d+\\.log", "bootloader.D.log");
    }

    @ParameterizedTest
    @Order(3)
    @ValueSource(strings = {"false", "nogrub", "nodisk"})
    void aBootloaderThatFailsFailsTheCreateAsStockXlsAndLeavesNothing(String how) throws IOException {
        String name = NAME + "-" + how;
        Path cfg = work.resolve(name + ".cfg");
        switch (how) {
            case "false" -> {
                freshDisk();
                Files.writeString(cfg, config(name, "/bin/false", disk));
            }
            case "nogrub" -> {
                Path root = Files.createDirectories(work.resolve("nogrub-root/boot"));
                Files.writeString(root.resolve("README"), "no grub.cfg, no menu.lst\n");
                Path image = work.resolve("nogrub.ext4");
                Exec.run(MKFS, "mkfs.ext4", "-q", "-F", "-d", root.getParent().toString(), image.toString(), "8M")
                        .assertSuccess();
                Files.writeString(cfg, config(name, "pygrub", image));
            }
            default -> Files.writeString(cfg, config(name, "pygrub", null));
        }
        Traces before = Traces.now(work);
        ExecResult theirs = stock("create", cfg.toString());
        System.err.println("[boot] stock create (" + how + "): " + theirs.describe());
        assertThat(theirs.exitCode()).as("stock xl's create of the %s case", how).isNotZero();
        assertThat(Traces.now(work)).as("what stock xl's failed create left").isEqualTo(before);

        ExecResult ours = xlj("create", cfg.toString());
        System.err.println("[boot] xlj create (" + how + "): " + ours.describe());
        assertThat(ours.exitCode()).as(ours.describe()).isEqualTo(theirs.exitCode());
        assertThat(ours.stdout()).isEqualTo(theirs.stdout());
        assertThat(normaliseErrors(ours.stderr())).isEqualTo(normaliseErrors(theirs.stderr()));
        assertThat(Traces.now(work)).as("what xlj's failed create left").isEqualTo(before);
    }

    /** Rolled back from inside and after the bootloader step: the extracted files must go with the domain. */
    @ParameterizedTest
    @Order(4)
    @ValueSource(strings = {"bootloader", "bootloader output", "xc_dom_kernel_mem", "console"})
    void anXljCreateFailingInOrAfterTheBootloaderLeavesNothing(String step) throws IOException {
        String name = NAME + "-fault";
        Path cfg = work.resolve(name + ".cfg");
        freshDisk();
        Files.writeString(cfg, config(name, "pygrub", disk));
        Traces before = Traces.now(work);
        ExecResult r = Exec.run(Map.of("XLJ_FAULT_AT", step), Duration.ofSeconds(300),
                XljPvLifecycleTest.XLJ, "create", cfg.toString());
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stderr()).contains("fault injected at " + step);
        assertThat(Traces.now(work)).as("what a create failed at %s left", step).isEqualTo(before);
    }

    @Test
    @Order(5)
    void bothToolstacksBootAPvhGuestThroughPygrubAndListItAlike() throws IOException {
        String name = NAME + "-pvh";
        TestGuest pvh = TestGuest.minimal(name);
        Files.writeString(pvh.config, config(name, "pygrub", disk).replace("type = \"pv\"", "type = \"pvh\""));
        String stockLong = null;
        try {
            for (String who : List.of("stock", "xlj")) {
                freshDisk();
                Files.deleteIfExists(pvh.consoleLog());
                ExecResult create = who.equals("stock") ? stock("create", pvh.config.toString())
                        : xlj("create", pvh.config.toString());
                int domid = boots(who + " (PVH)", pvh, name, create);
                String vm = DomainTraces.read("/local/domain/" + domid + "/vm");
                String uuid = vm.substring("/vm/".length());
                String listed = normaliseListLong(stock("list", "-l", name).assertSuccess().stdout(), domid);
                assertThat(listed).contains("\"type\": \"pvh\"", "\"bootloader\": \"pygrub\"");
                if (stockLong == null) {
                    stockLong = listed;
                } else {
                    assertThat(listed).as("stock xl's list -l of xlj's PVH guest").isEqualTo(stockLong);
                    assertThat(normaliseListLong(xlj("list", "-l", name).assertSuccess().stdout(), domid))
                            .as("xlj's list -l of its PVH guest").isEqualTo(stockLong);
                }
                (who.equals("stock") ? stock("destroy", name) : xlj("destroy", name)).assertSuccess();
                assertThat(DomainTraces.nodesOf(domid, uuid)).as("%s's nodes after destroy", who).isEmpty();
                assertThat(DomainTraces.userdataOf(domid, uuid)).as("%s's userdata after destroy", who).isEmpty();
            }
        } finally {
            pvh.destroyQuietly();
        }
    }

    /** Dom0's vbds (frontends in dom0): what a local attach makes and must not leave. */
    private static List<String> dom0Vbds() {
        return DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf)
                .filter(p -> p.matches("/local/domain/0/device/vbd/\\d+|/local/domain/0/backend/(vbd|qdisk)/0/\\d+"
                        + "|/libxl/0/device/vbd/\\d+"))
                .toList();
    }

    /**
     * libxl__device_disk_local_initiate_attach: pygrub reads the disk through a vbd of dom0
     * (dom0's QEMU serves a qcow2, blkback and the block script a script= disk), which is gone
     * again once the guest is built; both toolstacks boot the guest and list it alike.
     */
    @ParameterizedTest
    @Order(6)
    @ValueSource(strings = {"qcow2", "script"})
    void aDiskDom0CannotReadInPlaceIsAttachedToDom0ForPygrubByBothToolstacks(String how) throws IOException {
        String name = NAME + "-" + how;
        Path target = disk;
        String spec;
        if (how.equals("qcow2")) {
            // Dom0's QEMU serves the qdisk; the lab starts it only for the suites that need it.
            Exec.run(Duration.ofMinutes(3), "/usr/lib/xlj-lab/start-dom0-qemu").assertSuccess();
            target = work.resolve("disk.qcow2");
            spec = "format=qcow2,vdev=xvda,access=rw,target=" + target;
        } else {
            spec = "format=raw,vdev=xvda,access=rw,script=block,target=" + target;
        }
        // Dom0's blkfront, loaded before the first attach: libxl waits only 10 s for it to connect.
        Exec.run(Duration.ofMinutes(1), "modprobe", "xen-blkfront").assertSuccess();
        TestGuest g = TestGuest.minimal(name);
        Files.writeString(g.config, config(name, "pygrub", null) + "disk = [ \"" + spec + "\" ]\n");
        String stockLong = null;
        try {
            for (String who : List.of("stock", "xlj")) {
                freshDisk();
                if (how.equals("qcow2")) {
                    Exec.run(MKFS, "qemu-img", "convert", "-O", "qcow2", disk.toString(), target.toString())
                            .assertSuccess();
                }
                Files.deleteIfExists(g.consoleLog());
                assertThat(dom0Vbds()).as("dom0's vbds before %s's create", who).isEmpty();
                ExecResult create = who.equals("stock") ? stock("create", g.config.toString())
                        : xlj("create", g.config.toString());
                int domid = boots(who + " (" + how + ")", g, name, create);
                assertThat(dom0Vbds()).as("dom0's vbds after %s's create", who).isEmpty();
                assertThat(Files.readString(Path.of("/var/log/xen/bootloader." + domid + ".log")))
                        .as("%s's bootloader log", who).doesNotContain("Error", "Traceback");
                String vm = DomainTraces.read("/local/domain/" + domid + "/vm");
                String uuid = vm.substring("/vm/".length());
                String listed = normaliseListLong(stock("list", "-l", name).assertSuccess().stdout(), domid);
                if (stockLong == null) {
                    stockLong = listed;
                } else {
                    assertThat(listed).as("stock xl's list -l of xlj's guest").isEqualTo(stockLong);
                }
                (who.equals("stock") ? stock("destroy", name) : xlj("destroy", name)).assertSuccess();
                assertThat(DomainTraces.nodesOf(domid, uuid)).as("%s's nodes after destroy", who).isEmpty();
                assertThat(Exec.run(Duration.ofSeconds(30), "losetup", "-a").assertSuccess().stdout())
                        .as("loop devices after %s's destroy", who).doesNotContain(work.toString());
            }
        } finally {
            g.destroyQuietly();
        }
    }
}
