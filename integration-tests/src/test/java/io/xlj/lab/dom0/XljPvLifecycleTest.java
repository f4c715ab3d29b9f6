package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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
 * Issue 6 in the lab: xlj's own {@code xl} (the distribution at /opt/xlj) creates, lists and
 * destroys PV guests on real Xen 4.17, and Xen's stock xl, xenconsoled and xenstored are the
 * oracles: the guest's console marker reaches xenconsoled's log, both xl list outputs agree,
 * each toolstack destroys the other's domain, and nothing of a domain is left afterwards.
 */
@Tag("dom0")
@Tag("xlj-pv")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XljPvLifecycleTest {

    static final String XLJ = System.getenv().getOrDefault("XLJ_HOME", "/opt/xlj") + "/bin/xl";
    private static final Duration CMD = Duration.ofSeconds(180);
    private static final Duration BOOT = Duration.ofSeconds(120);

    private final TestGuest guest = TestGuest.minimal("xlj-pv-own");
    private int domid;
    private String uuid;

    @BeforeAll
    void xljIsInstalled() {
        TestGuest.assumeBothXls();
    }

    @AfterAll
    void cleanUp() {
        guest.destroyQuietly();
    }

    static ExecResult xlj(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = XLJ;
        System.arraycopy(args, 0, cmd, 1, args.length);
        return Exec.run(CMD, cmd);
    }

    static ExecResult stock(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = TestGuest.STOCK_XL;
        System.arraycopy(args, 0, cmd, 1, args.length);
        return Exec.run(CMD, cmd);
    }

    static int stockDomid(String name) {
        return Integer.parseInt(stock("domid", name).assertSuccess().stdout().trim());
    }

    @Test
    @Order(1)
    void xljCreatesTheGuestAndXenconsoledLogsItsConsole() {
        ExecResult r = xlj("create", guest.config.toString());
        r.assertSuccess();
        assertThat(r.stderr()).isEqualTo("Parsing config from " + guest.config + "\n");
        domid = stockDomid(guest.name);
        uuid = DomainTraces.read("/local/domain/" + domid + "/vm").substring("/vm/".length());
        String console = guest.awaitConsole("XLJ-GUEST: ready", BOOT);
        assertThat(console).contains("XLJ-GUEST: boot kernel=");
        // libxl's record of the domain is there for stock xl to use.
        assertThat(DomainTraces.userdataOf(domid, uuid)).extracting(p -> p.getFileName().toString())
                .contains("userdata-d." + domid + "." + uuid + ".libxl-json");
    }

    @Test
    @Order(2)
    void xlListIsTheSameFromXljAndStockXlButForTheTimes() {
        String ours = null;
        String theirs = null;
        // A running guest may flip between r and b between the two reads: allow a few tries.
        for (int i = 0; i < 5; i++) {
            ours = withoutTimes(xlj("list").assertSuccess().stdout());
            theirs = withoutTimes(stock("list").assertSuccess().stdout());
            if (ours.equals(theirs)) {
                break;
            }
            TestGuest.sleep(Duration.ofMillis(500));
        }
        assertThat(ours).isEqualTo(theirs).contains(guest.name);
        assertThat(withoutTimes(xlj("list", guest.name).assertSuccess().stdout()))
                .isEqualTo(withoutTimes(stock("list", guest.name).assertSuccess().stdout()));
        assertThat(xlj("domid", guest.name).assertSuccess().stdout()).isEqualTo(domid + "\n");
        assertThat(xlj("domname", Integer.toString(domid)).assertSuccess().stdout()).isEqualTo(guest.name + "\n");
    }

    @Test
    @Order(3)
    void xljAnswersLikeStockXlForDomainsThatDoNotExist() {
        for (String[] args : List.of(new String[] {"list", "no-such-domain"}, new String[] {"list", "31999"},
                new String[] {"destroy", "no-such-domain"}, new String[] {"domid", "no-such-domain"})) {
            ExecResult ours = xlj(args);
            ExecResult theirs = stock(args);
            assertThat(ours.exitCode()).as("exit code of xl %s", String.join(" ", args))
                    .isEqualTo(theirs.exitCode());
            assertThat(ours.stdout()).isEqualTo(theirs.stdout());
            assertThat(ours.stderr()).as("stderr of xl %s", String.join(" ", args)).isEqualTo(theirs.stderr());
        }
    }

    @Test
    @Order(4)
    void stockXlDestroysTheDomainXljCreatedAndNothingRemains() {
        assertThat(DomainTraces.nodesOf(domid, uuid)).isNotEmpty();
        stock("destroy", guest.name).assertSuccess();
        assertThat(TestGuest.stockXlListNames()).doesNotContain(guest.name);
        assertThat(DomainTraces.nodesOf(domid, uuid)).isEmpty();
        assertThat(DomainTraces.userdataOf(domid, uuid)).isEmpty();
    }

    @Test
    @Order(5)
    void xljDestroysADomainStockXlCreatedAndNothingRemains() {
        TestGuest other = TestGuest.minimal("xlj-pv-stock");
        try {
            stock("create", other.config.toString()).assertSuccess();
            int id = stockDomid(other.name);
            String vm = DomainTraces.read("/local/domain/" + id + "/vm");
            String otherUuid = vm.substring("/vm/".length());
            other.awaitConsole("XLJ-GUEST: ready", BOOT);
            assertThat(DomainTraces.nodesOf(id, otherUuid)).isNotEmpty();
            assertThat(DomainTraces.userdataOf(id, otherUuid)).isNotEmpty();

            ExecResult r = xlj("destroy", other.name);
            r.assertSuccess();
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr()).isEmpty();
            assertThat(TestGuest.stockXlListNames()).doesNotContain(other.name);
            assertThat(DomainTraces.nodesOf(id, otherUuid)).isEmpty();
            assertThat(DomainTraces.userdataOf(id, otherUuid)).isEmpty();
            // libxl's domid history: stock's destroy (test 4) recorded domid; ours kept that line
            // and added id, so neither toolstack hands out the other's freshly freed ids.
            assertThat(DomainTraces.recentDomids()).contains(domid, id);
        } finally {
            other.destroyQuietly();
        }
    }

    @Test
    @Order(6)
    void xljCreatePausedThenDestroyByIdLeavesNothing() {
        TestGuest paused = TestGuest.minimal("xlj-pv-paused");
        try {
            xlj("create", "-p", "-q", paused.config.toString()).assertSuccess();
            int id = stockDomid(paused.name);
            String vmUuid = DomainTraces.read("/local/domain/" + id + "/vm").substring("/vm/".length());
            String row = stock("list", paused.name).assertSuccess().stdout().lines().skip(1).findFirst().orElseThrow();
            assertThat(row.trim().split("\\s+")[4].charAt(2)).as("state of %s", row).isEqualTo('p');
            assertThat(DomainTraces.read("/local/domain/" + id + "/console/type")).isEqualTo("xenconsoled");

            ExecResult r = xlj("destroy", Integer.toString(id));
            r.assertSuccess();
            assertThat(TestGuest.stockXlListNames()).doesNotContain(paused.name);
            assertThat(DomainTraces.nodesOf(id, vmUuid)).isEmpty();
            assertThat(DomainTraces.userdataOf(id, vmUuid)).isEmpty();

            // Stock libxl rewrites the history on its next destroy: it must have read our lines.
            stock("create", "-p", "-q", paused.config.toString()).assertSuccess();
            int stockId = stockDomid(paused.name);
            stock("destroy", paused.name).assertSuccess();
            assertThat(DomainTraces.recentDomids()).contains(id, stockId);
        } finally {
            paused.destroyQuietly();
        }
    }

    @Test
    @Order(7)
    void aMissingKernelLeavesNothingBehind() throws Exception {
        Path cfg = Files.createTempFile("xlj-nokernel", ".cfg");
        Files.writeString(cfg, Files.readString(guest.config)
                .replace("kernel = \"" + TestGuest.KERNEL + "\"", "kernel = \"/nonexistent/vmlinux\"")
                .replace("xlj-pv-own", "xlj-pv-nokernel"));
        assertFailsCleanly(cfg, "xlj-pv-nokernel", "xc_dom_kernel_file");
    }

    @Test
    @Order(8)
    void tooMuchMemoryLeavesNothingBehind() throws Exception {
        Path cfg = Files.createTempFile("xlj-bigmem", ".cfg");
        Files.writeString(cfg, Files.readString(guest.config)
                .replace("memory = 128", "memory = 100000")
                .replace("xlj-pv-own", "xlj-pv-bigmem"));
        assertFailsCleanly(cfg, "xlj-pv-bigmem", null);
    }

    private void assertFailsCleanly(Path cfg, String name, String step) {
        List<String> nodesBefore = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList();
        List<Path> userdataBefore = DomainTraces.allUserdata();
        List<Integer> domainsBefore = TestGuest.stockXlListDomids();

        ExecResult ours = xlj("create", cfg.toString());
        assertThat(ours.stderr()).startsWith("Parsing config from " + cfg + "\n").contains("libxl: error: ");
        if (step != null) {
            assertThat(ours.stderr()).contains(step);
        }
        assertThat(TestGuest.stockXlListNames()).doesNotContain(name);
        assertThat(TestGuest.stockXlListDomids()).isEqualTo(domainsBefore);
        List<String> nodesAfter = DomainTraces.xenstoreLines().stream().map(DomainTraces::pathOf).toList();
        assertThat(nodesAfter).as("xenstore after xlj's failed create").containsExactlyInAnyOrderElementsOf(nodesBefore);
        assertThat(DomainTraces.allUserdata()).isEqualTo(userdataBefore);

        // xl exits with -ERROR_FAIL after libxl's error lines: stock xl fails the same way.
        ExecResult theirs = stock("create", cfg.toString());
        assertThat(ours.exitCode()).as(ours.describe()).isEqualTo(theirs.exitCode()).isEqualTo(3);
    }

    /** xl list with each row's Time(s) column blanked. */
    static String withoutTimes(String list) {
        return list.replaceAll("(?m) +\\d+\\.\\d$", " T");
    }
}
