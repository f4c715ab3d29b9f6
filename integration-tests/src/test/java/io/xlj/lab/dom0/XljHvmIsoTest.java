package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Issue 9 in the lab, HVM firmware boot: an El Torito CD that this suite makes in dom0
 * (isolinux with the lab's test kernel and initramfs, the kernel's console on the serial
 * port and a tag of this run on its command line) boots through hvmloader, SeaBIOS and
 * isolinux in an HVM guest with no kernel of its own ({@code boot = "d"}, the ISO as an IDE
 * cdrom hdc), made by Xen's stock xl and then by xlj, one after the other (two HVM guests
 * under TCG starve dom0). Each guest's kernel prints the command line isolinux gave it
 * ({@code BOOT_IMAGE=} and the tag) and its /init prints the boot marker on the serial
 * console; both device models run the same command line; each toolstack's destroy leaves no
 * QEMU, QMP socket, xenstore node or userdata of its guest.
 */
@Tag("dom0")
@Tag("xlj-hvm-iso")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XljHvmIsoTest {

    private static final Path SAMPLE = Path.of("/usr/share/xlj-lab/cfg/hvm-guest.cfg");
    private static final Path GUEST_DIR = Path.of("/usr/share/xlj-lab/guest");
    /** Debian's isolinux and syslinux-common: the El Torito boot image and the core module it loads. */
    private static final Path ISOLINUX_BIN = Path.of("/usr/lib/ISOLINUX/isolinux.bin");
    private static final Path LDLINUX_C32 = Path.of("/usr/lib/syslinux/modules/bios/ldlinux.c32");
    /**
     * Create to boot marker. Under TCG a direct kernel boot prints ~85 s after create; here
     * SeaBIOS and isolinux read kernel and initramfs from the emulated CD first, each read
     * served by the guest's QEMU in dom0. Measured 100-325 s (either toolstack; it follows the
     * host's load, not the toolstack: xljd used ~1 s of CPU meanwhile).
     */
    private static final Duration BOOT = Duration.ofMinutes(8);
    private static final String MARKER = "XLJ-GUEST: boot";

    /** This run's tag on the kernel command line of the CD: only isolinux can have put it there. */
    private final String tag = "xljlab.iso=" + UUID.randomUUID().toString().substring(0, 8);
    private Path dir;
    private Path iso;
    private final Run stock = new Run("xlj-iso-stock", false);
    private final Run ours = new Run("xlj-iso-own", true);

    /** One toolstack's guest: its config, what it printed and what its destroy left. */
    static final class Run {
        final String name;
        final boolean xlj;
        Path config;
        ExecResult create;
        int domid = -1;
        String uuid;
        List<String> qemuArgs;
        String console = "";
        AssertionError bootFailure;
        ExecResult destroy;
        final List<String> leftovers = new ArrayList<>();

        Run(String name, boolean xlj) {
            this.name = name;
            this.xlj = xlj;
        }

        String who() {
            return (xlj ? "xlj" : "stock xl") + "'s guest " + name;
        }

        ExecResult xl(String... args) {
            return xlj ? XljPvLifecycleTest.xlj(args) : XljPvLifecycleTest.stock(args);
        }
    }

    @BeforeAll
    void makeTheIso() throws IOException {
        TestGuest.assumeBothXls();
        assumeTrue(Files.isRegularFile(SAMPLE), "no " + SAMPLE);
        assumeTrue(Files.isExecutable(Path.of("/usr/libexec/xen-qemu-system-i386")), "no qemu-system-xen");
        for (Path p : List.of(ISOLINUX_BIN, LDLINUX_C32, Path.of("/usr/bin/xorriso"), GUEST_DIR.resolve("vmlinuz"),
                GUEST_DIR.resolve("initrd.img"))) {
            assertThat(p).as("the lab image's ISO tools and guest (integration-tests/lab/xen-lab)").exists();
        }
        dir = Files.createTempDirectory("xlj-hvmiso");
        Path boot = Files.createDirectories(dir.resolve("cd/isolinux"));
        Files.copy(ISOLINUX_BIN, boot.resolve("isolinux.bin"));
        Files.copy(LDLINUX_C32, boot.resolve("ldlinux.c32"));
        Files.copy(GUEST_DIR.resolve("vmlinuz"), boot.resolve("vmlinuz"));
        Files.copy(GUEST_DIR.resolve("initrd.img"), boot.resolve("initrd.img"));
        // isolinux talks on COM1 as well; the kernel's console is the guest's first serial port.
        Files.write(boot.resolve("isolinux.cfg"), List.of(
                "SERIAL 0 115200",
                "DEFAULT xljlab",
                "PROMPT 0",
                "TIMEOUT 1",
                "LABEL xljlab",
                "  KERNEL /isolinux/vmlinuz",
                "  INITRD /isolinux/initrd.img",
                "  APPEND console=ttyS0 rdinit=/init " + tag));
        iso = dir.resolve("xljlab.iso");
        Exec.run(Duration.ofMinutes(3), "xorriso", "-as", "mkisofs", "-quiet", "-o", iso.toString(),
                "-V", "XLJLAB", "-b", "isolinux/isolinux.bin", "-c", "isolinux/boot.cat", "-no-emul-boot",
                "-boot-load-size", "4", "-boot-info-table", dir.resolve("cd").toString()).assertSuccess();
        Exec.run(Duration.ofSeconds(60), "sync").assertSuccess();
        System.err.println("[hvm-iso] " + iso + ": " + Files.size(iso) + " bytes, tag " + tag);
        for (Run r : List.of(stock, ours)) {
            r.config = config(r.name);
        }
    }

    /** The HVM sample under another name, with no kernel of its own: firmware boot from the ISO as cdrom hdc. */
    private Path config(String name) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(SAMPLE)) {
            if (l.startsWith("name")) {
                lines.add("name = \"" + name + "\"");
            } else if (!l.startsWith("kernel") && !l.startsWith("ramdisk") && !l.startsWith("extra")) {
                lines.add(l);
            }
        }
        lines.add("disk = [ \"file:" + iso + ",hdc:cdrom,r\" ]");
        lines.add("boot = \"d\"");
        Path cfg = dir.resolve(name + ".cfg");
        Files.write(cfg, lines);
        return cfg;
    }

    @AfterAll
    void destroyWhatIsLeft() {
        for (Run r : List.of(stock, ours)) {
            if (TestGuest.stockXlListNames().contains(r.name)) {
                Exec.run(Duration.ofSeconds(120), TestGuest.STOCK_XL, "destroy", r.name);
            }
        }
    }

    /**
     * Creates the guest with its toolstack, reads its serial console until the boot marker,
     * then destroys it with the same toolstack and notes what the destroy left.
     */
    private void bootAndDestroy(Run r) throws IOException {
        r.create = r.xl("create", r.config.toString());
        System.err.println("[hvm-iso] " + r.who() + ", create: " + r.create.describe());
        r.create.assertSuccess();
        XljHvmTest.SerialCapture serial = XljHvmTest.SerialCapture.start(r.name);
        try {
            r.domid = XljPvLifecycleTest.stockDomid(r.name);
            r.uuid = DomainTraces.read("/local/domain/" + r.domid + "/vm").substring("/vm/".length());
            r.qemuArgs = XljHvmDeviceModelArgsTest.qemuArgsOf(r.domid);
            System.err.println("[hvm-iso] " + r.who() + ", device model: " + String.join(" ", r.qemuArgs));
            long t0 = System.nanoTime();
            long[] cpu0 = cpuTicks();
            try {
                r.console = serial.await(MARKER, r.who(), BOOT);
            } catch (AssertionError e) {
                r.bootFailure = e;
            }
            long[] cpu1 = cpuTicks();
            // Where the time went: the guest's emulated I/O is served by its QEMU in dom0, so a
            // busy dom0 (a JVM compiling, say) slows the firmware's reads from the CD.
            System.err.printf("[hvm-iso] %s: %s %.0f s after the create returned; meanwhile dom0 busy %.0f s,"
                            + " xljd %.0f s of CPU%n", r.who(), r.bootFailure == null ? "marker" : "no marker",
                    (System.nanoTime() - t0) / 1e9, (cpu1[0] - cpu0[0]) / 100.0, (cpu1[1] - cpu0[1]) / 100.0);
        } finally {
            serial.stop();
            r.destroy = r.xl("destroy", r.name);
            System.err.println("[hvm-iso] " + r.who() + ", destroy: " + r.destroy.describe());
        }
        System.err.println("[hvm-iso] " + r.who() + ", serial console:\n" + r.console);
        for (String q : XljHvmTest.qemuOf(r.domid)) {
            r.leftovers.add("qemu " + q);
        }
        for (String s : List.of("qmp-libxl-", "qmp-libxenstat-")) {
            if (Files.exists(Path.of("/var/run/xen/" + s + r.domid))) {
                r.leftovers.add("socket /var/run/xen/" + s + r.domid);
            }
        }
        r.leftovers.addAll(DomainTraces.nodesOf(r.domid, r.uuid));
        DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf)
                .filter(p -> p.equals("/local/domain/0/device-model/" + r.domid)
                        || p.startsWith("/local/domain/0/device-model/" + r.domid + "/"))
                .forEach(r.leftovers::add);
        DomainTraces.userdataOf(r.domid, r.uuid).forEach(p -> r.leftovers.add("userdata " + p));
        if (TestGuest.stockXlListNames().contains(r.name)) {
            r.leftovers.add("domain " + r.name);
        }
    }

    /**
     * Clock ticks (USER_HZ, 100 on Linux) that dom0 spent busy (all but idle and iowait, from
     * /proc/stat) and that xlj's daemon spent (utime + stime of the JVMs running io.xlj.cli.Xljd).
     */
    private static long[] cpuTicks() throws IOException {
        String[] all = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < all.length && i <= 8; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(all[i]);
            }
        }
        long xljd = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                try {
                    String cmdline = Files.readString(p.resolve("cmdline"), StandardCharsets.ISO_8859_1);
                    if (!cmdline.contains("io.xlj.cli.Xljd")) {
                        continue;
                    }
                    String stat = Files.readString(p.resolve("stat"), StandardCharsets.ISO_8859_1);
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    xljd += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return new long[] {busy, xljd};
    }

    /** The guest booted from the CD through isolinux: its kernel got the CD's command line. */
    private void assertBootedFromTheIso(Run r) {
        if (r.bootFailure != null) {
            throw r.bootFailure;
        }
        String cmdline = r.console.lines().filter(l -> l.contains("Kernel command line:")).findFirst()
                .orElseThrow(() -> new AssertionError(r.who() + ": no kernel command line on the serial console:\n"
                        + r.console));
        // BOOT_IMAGE= is what isolinux puts in front of the APPEND line; the tag is only on the CD.
        assertThat(cmdline).as(r.who()).contains("BOOT_IMAGE=/isolinux/vmlinuz", "console=ttyS0", "rdinit=/init",
                tag);
        assertThat(r.console).as(r.who()).contains(MARKER);
        assertThat(r.qemuArgs).as("%s: no direct kernel boot", r.who()).doesNotContain("-kernel", "-initrd", "-append");
        assertThat(String.join(" ", r.qemuArgs)).as("%s's device model", r.who())
                .contains("-boot order=d", "-serial pty", "file=" + iso + ",format=raw", "ide-cd,");
    }

    @Test
    @Order(1)
    void stockXlBootsTheIsoThroughSeabios() throws IOException {
        bootAndDestroy(stock);
        assertBootedFromTheIso(stock);
    }

    @Test
    @Order(2)
    void xljBootsTheIsoThroughSeabios() throws IOException {
        bootAndDestroy(ours);
        assertThat(ours.create.stderr()).isEqualTo("Parsing config from " + ours.config + "\n");
        assertBootedFromTheIso(ours);
    }

    @Test
    @Order(3)
    void bothDeviceModelsRunTheSameCommandLine() {
        assertThat(stock.qemuArgs).as("stock xl's device model").isNotNull();
        assertThat(ours.qemuArgs).as("xlj's device model").isNotNull();
        assertThat(XljHvmTest.normalise(ours.qemuArgs, ours.domid, ours.name))
                .containsExactlyElementsOf(XljHvmTest.normalise(stock.qemuArgs, stock.domid, stock.name));
    }

    @Test
    @Order(4)
    void eachDestroyLeavesNoQemuNoSocketNoNode() {
        for (Run r : List.of(stock, ours)) {
            assertThat(r.destroy).as("%s was created and destroyed", r.who()).isNotNull();
            assertThat(r.destroy.exitCode()).as("%s: %s", r.who(), r.destroy.describe()).isZero();
            assertThat(r.leftovers).as("what the destroy of %s left", r.who()).isEmpty();
        }
    }
}
