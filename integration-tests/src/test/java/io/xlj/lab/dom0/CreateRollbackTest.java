package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 6's promise, step by step: an xlj create that fails at any point of building the
 * domain leaves nothing behind: no domain, no xenstore node, no userdata or lock file, no loop
 * device, no vif. Each run makes one step fail ({@code XLJ_FAULT_AT}, see libxl-java's
 * CreateFaults) for the test guest with a file disk and a vif (PV) or a PVH guest, the steps
 * spread over every phase: xenstore, domain limits, event channels, the image build,
 * introduction to xenstored, devices, hotplug scripts, userdata, unpause. A step name that the
 * creator no longer has makes its create succeed, and the test fail.
 */
@Tag("dom0")
@Tag("xlj-rollback")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreateRollbackTest {

    private static final Duration CMD = Duration.ofSeconds(240);

    private final TestGuest pv = TestGuest.withDiskAndVif("xlj-fault", "fault", "10.99.0.3");
    private TestGuest pvh;
    private boolean hvmWarm;

    @BeforeAll
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(XljPvLifecycleTest.XLJ)), "no xlj distribution");
        pv.destroyQuietly();
        TestGuest withDevices = TestGuest.withDiskAndVif("xlj-fault-pvh", "fault-pvh", "10.99.0.4");
        Files.writeString(withDevices.config, Files.readString(withDevices.config)
                .replace("type = \"pv\"", "type = \"pvh\""));
        pvh = withDevices;
        pvh.destroyQuietly();
        // The first create of a boot leaves the host-wide directories every later one shares
        // (/vm, /libxl, xljd's /xlj/creating), as libxl's do: make them exist before any
        // snapshot, so that a suite that runs first compares like with like.
        TestGuest warm = TestGuest.minimal("xlj-fault-warm");
        XljPvLifecycleTest.xlj("create", "-p", warm.config.toString()).assertSuccess();
        XljPvLifecycleTest.xlj("destroy", warm.name).assertSuccess();
    }

    @AfterAll
    void cleanUp() {
        pv.destroyQuietly();
        if (pvh != null) {
            pvh.destroyQuietly();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"xenstore skeleton", "disk defaults", "nic defaults", "xc_evtchn_alloc_unbound",
            "xc_dom_parse_image", "xc_dom_boot_image", "xenstore introduce", "disk devices", "console",
            "vif devices", "hotplug scripts", "console tty", "userdata", "xc_domain_unpause"})
    void aPvCreateFailingAtThisStepLeavesNothing(String step) {
        assertFailsCleanlyAt(pv, step);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xenstore skeleton", "disk defaults", "libxl__dom_load_acpi", "xc_domain_set_memory_map",
            "xenstore introduce", "disk devices", "console", "vif devices", "hotplug scripts", "console tty",
            "userdata", "xc_domain_unpause"})
    void aPvhCreateFailingAtThisStepLeavesNothing(String step) {
        assertFailsCleanlyAt(pvh, step);
    }

    /**
     * HVM with a file disk and an emulated nic: the steps around the firmware, the hvm_info
     * table, the disks (connected before the device model), the device model (before it is
     * spawned and, from "vif devices" on, once it runs with the disk and the nic's tap): no
     * qemu of the guest, no QMP socket, no loop device, no vif or tap may remain either.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xenstore skeleton", "libxl__domain_firmware", "hvm_build_set_params", "disk devices",
            "hotplug scripts", "console", "vkb", "device model", "vif devices", "userdata",
            "libxl__domain_resume_device_model", "xc_domain_unpause"})
    void anHvmCreateFailingAtThisStepLeavesNothing(String step) throws Exception {
        Path sample = Path.of("/usr/share/xlj-lab/cfg/hvm-guest.cfg");
        assumeTrue(Files.isRegularFile(sample) && Files.isExecutable(Path.of("/usr/libexec/xen-qemu-system-i386")),
                "no HVM sample or no qemu-system-xen");
        TestGuest hvm = TestGuest.withDiskAndVif("xlj-fault-hvm", "fault-hvm", "10.99.0.6");
        List<String> devices = Files.readAllLines(hvm.config).stream()
                .filter(l -> l.startsWith("disk") || l.startsWith("vif")).toList();
        Files.writeString(hvm.config, Files.readString(sample).replaceFirst("(?m)^name.*$", "name = \"xlj-fault-hvm\"")
                + String.join("\n", devices) + "\n");
        if (!hvmWarm) {
            // A device model's first run leaves /local/domain/0/device-model, which libxl's
            // destroy (a plain rm of .../device-model/N) leaves too: make it exist first.
            XljPvLifecycleTest.xlj("create", "-p", hvm.config.toString()).assertSuccess();
            XljPvLifecycleTest.xlj("destroy", hvm.name).assertSuccess();
            hvmWarm = true;
        }
        List<String> socketsBefore = XljHvmTest.qmpSockets();
        List<String> qemuBefore = XljHvmTest.qemuOf(0);
        assertFailsCleanlyAt(hvm, step);
        assertThat(XljHvmTest.qmpSockets()).as("QMP sockets after a create failed at %s", step).isEqualTo(socketsBefore);
        assertThat(XljHvmTest.qemuOf(0)).as("dom0's own qemu").isEqualTo(qemuBefore);
        assertThat(Exec.run(Duration.ofSeconds(30), "ps", "-eo", "args").assertSuccess().stdout())
                .as("qemu of the guest after a create failed at %s", step).doesNotContain("-name xlj-fault-hvm");
    }

    /**
     * Without xenconsoled nobody serves console 0: libxl's create waits LIBXL_INIT_TIMEOUT (10 s)
     * for its tty and fails; xlj's fails with the same lines, leaving nothing behind. xenconsoled
     * is started again with its own command line afterwards.
     */
    @org.junit.jupiter.api.Test
    void withoutXenconsoledACreateFailsAsXlsDoes() {
        TestGuest stock = TestGuest.minimal("stk-no-consoled");
        TestGuest mine = TestGuest.minimal("xlj-no-consoled");
        String pid = Exec.run(Duration.ofSeconds(30), "pidof", "xenconsoled").assertSuccess().stdout().trim();
        String cmdline = Exec.run(Duration.ofSeconds(30), "bash", "-c", "tr '\\0' ' ' < /proc/" + pid + "/cmdline")
                .assertSuccess().stdout().trim();
        Exec.run(Duration.ofSeconds(30), "kill", pid).assertSuccess();
        ExecResult theirs;
        ExecResult ours;
        List<String> nodesBefore = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList();
        try {
            Exec.run(Duration.ofSeconds(30), "bash", "-c", "while pidof xenconsoled; do sleep 0.2; done").assertSuccess();
            theirs = Exec.run(CMD, TestGuest.STOCK_XL, "create", stock.config.toString());
            ours = Exec.run(CMD, XljPvLifecycleTest.XLJ, "create", mine.config.toString());
        } finally {
            Exec.run(Duration.ofSeconds(30), "bash", "-c", cmdline).assertSuccess();
            stock.destroyQuietly();
            mine.destroyQuietly();
        }
        System.err.println("[no xenconsoled] stock: " + theirs.describe() + "\n[no xenconsoled] xlj: " + ours.describe());
        assertThat(theirs.stderr()).as("stock xl").contains("console tty: timed out");
        assertThat(ours.exitCode()).isEqualTo(theirs.exitCode());
        assertThat(XljCreateOptionsTest.neutral(ours.stderr(), mine))
                .isEqualTo(XljCreateOptionsTest.neutral(theirs.stderr(), stock));
        assertThat(TestGuest.stockXlListNames()).doesNotContain(stock.name, mine.name);
        List<String> nodesAfter = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList();
        assertThat(nodesAfter).as("xenstore after the failed creates").containsExactlyInAnyOrderElementsOf(nodesBefore);
    }

    private static void assertFailsCleanlyAt(TestGuest guest, String step) {
        List<String> nodesBefore = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList();
        List<Path> userdataBefore = DomainTraces.allUserdata();
        List<Integer> domainsBefore = TestGuest.stockXlListDomids();
        List<String> vifsBefore = vifLinks();

        // bin/xl hands XLJ_FAULT_AT to xljd with the command line: the daemon builds and rolls back.
        ExecResult r = Exec.run(Map.of("XLJ_FAULT_AT", step), CMD,
                XljPvLifecycleTest.XLJ, "create", guest.config.toString());
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stderr()).startsWith("Parsing config from " + guest.config + "\n");

        assertThat(TestGuest.stockXlListNames()).doesNotContain(guest.name);
        assertThat(TestGuest.stockXlListDomids()).isEqualTo(domainsBefore);
        List<String> nodesAfter = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList();
        assertThat(nodesAfter).as("xenstore after a create failed at %s", step)
                .containsExactlyInAnyOrderElementsOf(nodesBefore);
        assertThat(DomainTraces.allUserdata()).as("userdata after a create failed at %s", step)
                .isEqualTo(userdataBefore);
        assertThat(Exec.run(Duration.ofSeconds(30), "losetup", "-a").assertSuccess().stdout())
                .as("loop devices after a create failed at %s", step).doesNotContain(guest.dir.toString());
        assertThat(vifLinks()).as("vif links after a create failed at %s", step).isEqualTo(vifsBefore);
    }

    private static List<String> vifLinks() {
        return Exec.run(Duration.ofSeconds(30), "ip", "-o", "link").assertSuccess().stdout().lines()
                .map(l -> l.split(": ", 3)[1]).filter(n -> n.startsWith("vif")).sorted().toList();
    }
}
