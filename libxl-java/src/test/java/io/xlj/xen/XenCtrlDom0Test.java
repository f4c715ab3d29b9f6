package io.xlj.xen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lab suite: every call on a real Xen 4.17, each answer checked against what Xen's
 * own {@code xl} reports in the same dom0. Runs only inside a Xen dom0 (skipped
 * elsewhere); see {@link Dom0Suite} for running it there without Maven.
 *
 * <p>Each test creates its own empty, paused domain and destroys it afterwards.
 */
@Tag("dom0")
@Tag("xenctrl")
class XenCtrlDom0Test {

    private static XenCtrl xc;
    /** The lab's guest kernel is dom0's own, a ~58 MB ELF; 64 MB is too small to hold it. */
    private static final int GUEST_MB = 128;

    @BeforeAll
    static void open() {
        assumeTrue(Files.exists(XenCtrl.PRIVCMD), "not a Xen dom0 (no /dev/xen/privcmd)");
        assumeTrue(Files.isExecutable(Path.of(Xl.XL)), "Xen's own xl is not installed");
        xc = XenCtrl.open();
    }

    @AfterAll
    static void close() {
        if (xc != null) {
            xc.close();
        }
    }

    /** An empty paused PV domain that is destroyed when the test is done with it. */
    private static final class TestDomain implements AutoCloseable {
        final UUID uuid = UUID.randomUUID();
        final int domid;

        TestDomain(int maxVcpus) {
            domid = xc.createDomain(CreateDomainRequest.pv(uuid, maxVcpus));
        }

        @Override
        public void close() {
            xc.destroyDomain(domid);
        }
    }

    @Test
    void versionAndPhysinfoMatchXlInfo() throws Exception {
        Map<String, String> info = Xl.info();
        VersionInfo v = xc.versionInfo();
        PhysInfo p = xc.physInfo();
        assertThat(xc.versionCode()).isEqualTo(XenLibraries.SUPPORTED_VERSION_CODE);
        assertThat(Integer.toString(v.major())).isEqualTo(info.get("xen_major"));
        assertThat(Integer.toString(v.minor())).isEqualTo(info.get("xen_minor"));
        assertThat(v.extraVersion()).isEqualTo(info.get("xen_extra"));
        assertThat(v.capabilities()).isEqualTo(info.get("xen_caps"));
        assertThat(v.changeset()).isEqualTo(info.get("xen_changeset"));
        assertThat(v.commandline()).isEqualTo(info.get("xen_commandline"));
        assertThat(v.compiler()).isEqualTo(info.get("cc_compiler"));
        assertThat(v.compileBy()).isEqualTo(info.get("cc_compile_by"));
        assertThat(v.compileDomain()).isEqualTo(info.get("cc_compile_domain"));
        assertThat(v.compileDate()).isEqualTo(info.get("cc_compile_date"));
        assertThat(Integer.toString(p.nrCpus())).isEqualTo(info.get("nr_cpus"));
        assertThat(Integer.toString(p.maxCpuId())).isEqualTo(info.get("max_cpu_id"));
        assertThat(Integer.toString(p.nrNodes())).isEqualTo(info.get("nr_nodes"));
        assertThat(Integer.toString(p.threadsPerCore())).isEqualTo(info.get("threads_per_core"));
        assertThat(Integer.toString(p.coresPerSocket())).isEqualTo(info.get("cores_per_socket"));
        assertThat(String.format("%d.%03d", p.cpuKhz() / 1000, p.cpuKhz() % 1000)).isEqualTo(info.get("cpu_mhz"));
        assertThat(p.hwCapsString()).isEqualTo(info.get("hw_caps"));
        assertThat(Long.toString(p.totalMemoryMb())).isEqualTo(info.get("total_memory"));
    }

    @Test
    void aCreatedDomainIsPausedAndXlListsItWithItsUuid() throws Exception {
        try (TestDomain d = new TestDomain(1)) {
            DomainInfo info = xc.domainInfo(d.domid).orElseThrow();
            assertThat(info.paused()).isTrue();
            assertThat(info.uuid()).isEqualTo(d.uuid);
            assertThat(info.hvm()).isFalse();
            assertThat(xc.listDomains()).extracting(DomainInfo::domid).contains(0, d.domid);

            String[] row = Xl.listRow(d.domid);
            assertThat(row).as("xl list -v row of domain %d", d.domid).isNotNull();
            assertThat(row[2]).as("Mem").isEqualTo(Long.toString(info.currentMemoryKb() / 1024));
            assertThat(row[3]).as("VCPUs").isEqualTo(Integer.toString(info.onlineVcpus()));
            assertThat(row[4]).as("State").isEqualTo(xlState(info)).startsWith("--p");
            assertThat(row[6]).as("UUID").isEqualTo(d.uuid.toString());
        }
    }

    @Test
    void destroyRemovesTheDomain() throws Exception {
        TestDomain d = new TestDomain(1);
        xc.destroyDomain(d.domid);
        // A dying domain may linger briefly; it must at least be marked dying or gone.
        Optional<DomainInfo> after = xc.domainInfo(d.domid);
        assertThat(after.map(DomainInfo::dying).orElse(true)).isTrue();
        String[] row = Xl.listRow(d.domid);
        assertThat(row == null || row[4].endsWith("d")).as("xl list after destroy: %s", Arrays.toString(row))
                .isTrue();
    }

    @Test
    void setHandleChangesTheUuidXlShows() throws Exception {
        try (TestDomain d = new TestDomain(1)) {
            UUID other = UUID.randomUUID();
            xc.setHandle(d.domid, other);
            assertThat(xc.domainInfo(d.domid).orElseThrow().uuid()).isEqualTo(other);
            assertThat(Xl.listRow(d.domid)[6]).isEqualTo(other.toString());
        }
    }

    @Test
    void unpauseAndPauseShowInXlList() throws Exception {
        try (TestDomain d = new TestDomain(1)) {
            xc.setMaxVcpus(d.domid, 1);
            xc.unpauseDomain(d.domid);
            DomainInfo unpaused = xc.domainInfo(d.domid).orElseThrow();
            assertThat(unpaused.paused()).isFalse();
            assertThat(Xl.listRow(d.domid)[4]).isEqualTo(xlState(unpaused)).doesNotContain("p");
            xc.pauseDomain(d.domid);
            DomainInfo paused = xc.domainInfo(d.domid).orElseThrow();
            assertThat(paused.paused()).isTrue();
            assertThat(Xl.listRow(d.domid)[4]).isEqualTo(xlState(paused)).contains("p");
        }
    }

    @Test
    void shutdownRecordsTheReasonXlReports() throws Exception {
        try (TestDomain d = new TestDomain(1)) {
            xc.setMaxVcpus(d.domid, 1);
            xc.shutdownDomain(d.domid, XenConstants.SHUTDOWN_reboot);
            DomainInfo info = xc.domainInfo(d.domid).orElseThrow();
            assertThat(info.shutdown()).isTrue();
            assertThat(info.shutdownReason()).isEqualTo(XenConstants.SHUTDOWN_reboot);
            String[] row = Xl.listRow(d.domid);
            assertThat(row[4]).as("State").isEqualTo(xlState(info)).isEqualTo("--psr-");
            assertThat(row[7]).as("Reason-Code").isEqualTo(Integer.toHexString(XenConstants.SHUTDOWN_reboot));
        }
    }

    @Test
    void vcpusMemoryAndAffinityAsXlVcpuListShowsThem() throws Exception {
        try (TestDomain d = new TestDomain(2)) {
            xc.setMaxVcpus(d.domid, 2);
            xc.setMaxMemKb(d.domid, 128 * 1024 + 1024);
            xc.setMemmapLimitKb(d.domid, 128 * 1024);
            DomainInfo info = xc.domainInfo(d.domid).orElseThrow();
            assertThat(info.maxVcpuId()).isEqualTo(1);
            assertThat(info.maxMemoryKb()).isEqualTo(128 * 1024 + 1024);

            BitSet cpu0 = new BitSet();
            cpu0.set(0);
            VcpuAffinity effective = xc.setVcpuAffinity(d.domid, 1, cpu0, null);
            assertThat(effective.hard()).isEqualTo(cpu0);
            assertThat(xc.vcpuAffinity(d.domid, 1).hard()).isEqualTo(cpu0);

            VcpuInfo v1 = xc.vcpuInfo(d.domid, 1);
            assertThat(v1.vcpu()).isEqualTo(1);
            assertThat(v1.online()).isFalse();

            String[] rows = Stream.of(Xl.run("vcpu-list", Integer.toString(d.domid)).split("\n"))
                    .filter(l -> l.trim().split("\\s+").length > 3 && l.trim().split("\\s+")[1].equals(
                            Integer.toString(d.domid)))
                    .toArray(String[]::new);
            assertThat(rows).hasSize(2);
            assertThat(rows[1]).endsWith("0 / all");
            assertThat(rows[1].trim().split("\\s+")[2]).isEqualTo("1");
        }
    }

    @Test
    void schedulerWeightAsXlReportsIt() throws Exception {
        try (TestDomain d = new TestDomain(1)) {
            int sched = xc.schedulerId();
            String xlCommand;
            if (sched == XenConstants.XEN_SCHEDULER_CREDIT2) {
                xc.setSchedCredit2(d.domid, new SchedParams(512, 0));
                assertThat(xc.schedCredit2(d.domid)).isEqualTo(new SchedParams(512, 0));
                xlCommand = "sched-credit2";
            } else {
                assumeTrue(sched == XenConstants.XEN_SCHEDULER_CREDIT, "scheduler " + sched + " has no weight");
                xc.setSchedCredit(d.domid, new SchedParams(512, 0));
                assertThat(xc.schedCredit(d.domid)).isEqualTo(new SchedParams(512, 0));
                xlCommand = "sched-credit";
            }
            String out = Xl.run(xlCommand, "-d", Integer.toString(d.domid));
            String[] row = Stream.of(out.split("\n")).map(l -> l.trim().split("\\s+"))
                    .filter(w -> w.length == 4 && w[1].equals(Integer.toString(d.domid))).findFirst().orElseThrow();
            assertThat(row[2]).as("Weight").isEqualTo("512");
            assertThat(row[3]).as("Cap").isEqualTo("0");
        }
    }

    @Test
    void eventChannelsTscAndCpuidPolicyOnAFreshDomain() {
        try (TestDomain d = new TestDomain(1)) {
            xc.setMaxVcpus(d.domid, 1);
            int store = xc.evtchnAllocUnbound(d.domid, 0);
            int console = xc.evtchnAllocUnbound(d.domid, 0);
            assertThat(store).isPositive();
            assertThat(console).isPositive().isNotEqualTo(store);
            xc.setTscInfo(d.domid, 0, 0, 0, 0);
            xc.cpuidApplyPolicy(d.domid, false, true, false, false);
        }
    }

    @Test
    void consoleRingIsWhatXlDmesgPrintsAndDebugKeysReachIt() throws Exception {
        xc.sendDebugKeys("h");
        String ours = xc.readConsoleRing(false);
        String xl = Xl.run("dmesg");
        assertThat(ours).contains("'h' pressed -> showing installed handlers");
        // The ring may grow between the two reads, so compare the stable beginning.
        int n = Math.min(2000, Math.min(ours.length(), xl.length()));
        assertThat(n).isPositive();
        assertThat(ours.substring(0, n)).isEqualTo(xl.substring(0, n));
    }

    @Test
    void aFailedCallNamesTheCallTheDomainAndTheErrno() {
        int missing = 32000;
        assertThat(xc.domainInfo(missing)).isEmpty();
        assertThatThrownBy(() -> xc.pauseDomain(missing))
                .isInstanceOf(XenCallException.class)
                .hasMessageStartingWith("xc_domain_pause failed for domain 32000: ESRCH")
                .satisfies(e -> assertThat(((XenCallException) e).errnoName()).isEqualTo("ESRCH"));
    }

    @Test
    void hvmParamsOnAnHvmDomain() {
        PhysInfo p = xc.physInfo();
        assumeTrue(p.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_hvm)
                && p.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_hap), "no HVM with HAP on this host");
        int domid = xc.createDomain(CreateDomainRequest.hvm(UUID.randomUUID(), 1));
        try {
            assertThat(xc.domainInfo(domid).orElseThrow().hvm()).isTrue();
            xc.setHvmParam(domid, XenConstants.HVM_PARAM_TIMER_MODE, 1);
            assertThat(xc.hvmParam(domid, XenConstants.HVM_PARAM_TIMER_MODE)).isEqualTo(1);
        } finally {
            xc.destroyDomain(domid);
        }
    }

    @Test
    void buildsAPvKernelThroughTheDomBuilder() throws Exception {
        Path kernel = dom0Kernel();
        try (TestDomain d = new TestDomain(1)) {
            xc.setMaxVcpus(d.domid, 1);
            xc.setMaxMemKb(d.domid, GUEST_MB * 1024 + 1024);
            xc.setMemmapLimitKb(d.domid, GUEST_MB * 1024);
            int store = xc.evtchnAllocUnbound(d.domid, 0);
            int console = xc.evtchnAllocUnbound(d.domid, 0);
            xc.setTscInfo(d.domid, 0, 0, 0, 0);
            xc.cpuidApplyPolicy(d.domid, false, true, false, false);
            try (XenDomBuilder b = xc.domBuilder("console=hvc0", null)) {
                b.containerType(XenConstants.XC_DOM_PV_CONTAINER);
                b.kernelFile(kernel.toString());
                b.flags(0);
                b.setConsole(console, 0);
                b.setXenstore(store, 0);
                b.maxVcpus(1);
                b.bootXenInit(d.domid);
                b.parseImage();
                b.memInit(GUEST_MB);
                b.bootMemInit();
                b.buildImage();
                b.bootImage();
                b.gnttabInit();
                assertThat(b.translated()).isFalse();
                // What libxenguest set up is visible at our offsets: the guest domid it was
                // built for, and two distinct special pages mapped to real machine frames.
                assertThat(b.image().getInt(XcDomImage.Field.GUEST_DOMID)).isEqualTo(d.domid);
                assertThat(b.image().getInt(XcDomImage.Field.CONSOLE_EVTCHN)).isEqualTo(console);
                assertThat(b.consolePfn()).isNotEqualTo(b.xenstorePfn());
                assertThat(b.p2m(b.consolePfn())).isNotEqualTo(XenDomBuilder.INVALID_MFN);
                assertThat(b.p2m(b.xenstorePfn())).isNotEqualTo(XenDomBuilder.INVALID_MFN);
            }
            DomainInfo info = xc.domainInfo(d.domid).orElseThrow();
            assertThat(info.currentMemoryKb()).isGreaterThan(GUEST_MB / 2 * 1024);
            assertThat(Xl.listRow(d.domid)[2]).as("Mem").isEqualTo(Long.toString(info.currentMemoryKb() / 1024));

            // libxenguest dumps a core only once the guest has run (its p2m is the guest's own):
            // this never-run domain is refused, by Xen's xl dump-core alike. Cores of crashed
            // guests, and their equality in size with xl's, are proven in XljCrashTest.
            Path core = Files.createTempFile("xlj-core", "");
            try {
                assertThatThrownBy(() -> xc.dumpCore(d.domid, core.toString()))
                        .hasMessageStartingWith("xc_domain_dumpcore failed for domain " + d.domid);
                assertThatThrownBy(() -> Xl.run("dump-core", Integer.toString(d.domid), core.toString()))
                        .hasMessageContaining("core dump failed (rc=-3)");
            } finally {
                Files.deleteIfExists(core);
            }
        }
    }

    @Test
    void buildsAPvKernelWithTheOneCallBuilder() throws Exception {
        Path kernel = dom0Kernel();
        try (TestDomain d = new TestDomain(1)) {
            xc.setMaxVcpus(d.domid, 1);
            xc.setMaxMemKb(d.domid, GUEST_MB * 1024 + 1024);
            int store = xc.evtchnAllocUnbound(d.domid, 0);
            int console = xc.evtchnAllocUnbound(d.domid, 0);
            LinuxBuildResult r = xc.linuxBuild(d.domid, GUEST_MB, kernel.toString(), null, "console=hvc0", null, 0,
                    store, console);
            assertThat(r.storeMfn()).isNotZero().isNotEqualTo(r.consoleMfn());
            assertThat(xc.nativeProtocol(d.domid)).isEqualTo("x86_64-abi");
        }
    }

    /** The State column as xl renders it from the same flags (xl_info.c list_domains). */
    private static String xlState(DomainInfo i) {
        String reasons = "-rscwS";
        int reason = i.shutdown() ? i.shutdownReason() : 0;
        return "" + (i.running() ? 'r' : '-') + (i.blocked() ? 'b' : '-') + (i.paused() ? 'p' : '-')
                + (i.shutdown() ? 's' : '-') + (reason < reasons.length() ? reasons.charAt(reason) : '?')
                + (i.dying() ? 'd' : '-');
    }

    /** The lab's uncompressed guest kernel if present (fast to load), else dom0's own bzImage. */
    private static Path dom0Kernel() throws Exception {
        Path lab = Path.of("/usr/share/xlj-lab/guest/vmlinux");
        if (Files.isReadable(lab)) {
            return lab;
        }
        try (Stream<Path> boot = Files.list(Path.of("/boot"))) {
            Optional<Path> k = boot.filter(f -> f.getFileName().toString().startsWith("vmlinuz-")).sorted().findFirst();
            assumeTrue(k.isPresent(), "no /boot/vmlinuz-* to build a guest from");
            return k.get();
        }
    }
}
