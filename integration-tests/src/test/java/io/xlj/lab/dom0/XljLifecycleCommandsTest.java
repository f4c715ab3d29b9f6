package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * The lifecycle commands of issue 6 side by side with Xen's stock xl in one dom0: one guest
 * created by xlj ({@code a}) and one by stock xl ({@code b}); each command is run by one
 * toolstack and its effect read back by the other (pause state in {@code xl list}, names,
 * {@code list -l}), error cases must answer byte for byte like stock xl, and shutdown and
 * reboot are honoured by the guest kernel (its console says so).
 */
@Tag("dom0")
@Tag("xlj-life")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XljLifecycleCommandsTest {

    private static final Duration BOOT = Duration.ofSeconds(240);

    private final TestGuest a = TestGuest.minimal("xlj-life-a");
    private final TestGuest b = TestGuest.minimal("xlj-life-b");
    private int domidA;
    private int domidB;
    private String uuidA;
    private String uuidB;

    @BeforeAll
    void createBothGuests() {
        assumeTrue(Files.isExecutable(Path.of(XljPvLifecycleTest.XLJ)), "no xlj distribution");
        xlj("create", a.config.toString()).assertSuccess();
        stock("create", b.config.toString()).assertSuccess();
        domidA = XljPvLifecycleTest.stockDomid(a.name);
        domidB = XljPvLifecycleTest.stockDomid(b.name);
        uuidA = DomainTraces.read("/local/domain/" + domidA + "/vm").substring("/vm/".length());
        uuidB = DomainTraces.read("/local/domain/" + domidB + "/vm").substring("/vm/".length());
        a.awaitConsole("XLJ-GUEST: ready", BOOT);
        b.awaitConsole("XLJ-GUEST: ready", BOOT);
    }

    @AfterAll
    void cleanUp() {
        a.destroyQuietly();
        b.destroyQuietly();
    }

    static ExecResult xlj(String... args) {
        return XljPvLifecycleTest.xlj(args);
    }

    static ExecResult stock(String... args) {
        return XljPvLifecycleTest.stock(args);
    }

    /** The State column of `xl list NAME` as stock xl prints it. */
    static String stockState(String name) {
        String row = stock("list", name).assertSuccess().stdout().lines().skip(1).findFirst().orElseThrow();
        return row.trim().split("\\s+")[4];
    }

    static String xljState(String name) {
        String row = xlj("list", name).assertSuccess().stdout().lines().skip(1).findFirst().orElseThrow();
        return row.trim().split("\\s+")[4];
    }

    /** The domid of {@code name} once it satisfies {@code ok} (stock xl's view), polling. */
    static int awaitDomid(String name, java.util.function.IntPredicate ok, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            ExecResult r = stock("domid", name);
            if (r.exitCode() == 0 && ok.test(Integer.parseInt(r.stdout().trim()))) {
                return Integer.parseInt(r.stdout().trim());
            }
            assertThat(System.nanoTime()).as("%s: no domid as awaited within %s (last: %s)", name, timeout,
                    r.describe()).isLessThan(end);
            TestGuest.sleep(Duration.ofMillis(500));
        }
    }

    static void awaitGone(String name, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (TestGuest.stockXlListNames().contains(name)) {
            assertThat(System.nanoTime()).as("%s still listed after %s", name, timeout).isLessThan(end);
            TestGuest.sleep(Duration.ofMillis(500));
        }
    }

    static void assertSameAnswer(String... args) {
        ExecResult ours = xlj(args);
        ExecResult theirs = stock(args);
        String what = "xl " + String.join(" ", args);
        assertThat(ours.stderr()).as("stderr of %s", what).isEqualTo(theirs.stderr());
        assertThat(ours.stdout()).as("stdout of %s", what).isEqualTo(theirs.stdout());
        assertThat(ours.exitCode()).as("exit code of %s", what).isEqualTo(theirs.exitCode());
    }

    @Test
    @Order(1)
    void pauseAndUnpauseAreSeenByTheOtherToolstack() {
        ExecResult r = xlj("pause", a.name);
        assertThat(r.stdout() + r.stderr()).isEmpty();
        r.assertSuccess();
        assertThat(stockState(a.name).charAt(2)).isEqualTo('p');
        stock("unpause", a.name).assertSuccess();
        assertThat(xljState(a.name).charAt(2)).isEqualTo('-');

        stock("pause", b.name).assertSuccess();
        assertThat(xljState(b.name).charAt(2)).isEqualTo('p');
        xlj("unpause", Integer.toString(domidB)).assertSuccess();
        assertThat(stockState(b.name).charAt(2)).isEqualTo('-');
    }

    @Test
    @Order(2)
    void vcpuAndSchedulerSettingsAreWhatTheOtherToolstackReads() {
        // vcpu-list: same rows but for the columns that move (CPU, state, time)
        assertThat(vcpuRows(xlj("vcpu-list", a.name, b.name).assertSuccess().stdout()))
                .isEqualTo(vcpuRows(stock("vcpu-list", a.name, b.name).assertSuccess().stdout()))
                .contains(a.name + " " + domidA + " 0 all / all");
        int nrCpus = Integer.parseInt(stock("info", "nr_cpus").assertSuccess().stdout().trim());
        String cpu0 = nrCpus == 1 ? "all" : "0";
        xlj("vcpu-pin", a.name, "0", "0", "-").assertSuccess();
        assertThat(vcpuRows(stock("vcpu-list", a.name).assertSuccess().stdout()))
                .containsExactly(a.name + " " + domidA + " 0 " + cpu0 + " / all");
        xlj("vcpu-pin", a.name, "all", "-", "0").assertSuccess();
        assertThat(vcpuRows(stock("vcpu-list", a.name).assertSuccess().stdout()))
                .containsExactly(a.name + " " + domidA + " 0 " + cpu0 + " / " + cpu0);
        stock("vcpu-pin", a.name, "all", "all", "all").assertSuccess();
        assertThat(vcpuRows(xlj("vcpu-list", a.name).assertSuccess().stdout()))
                .containsExactly(a.name + " " + domidA + " 0 all / all");
        assertSameAnswer("vcpu-pin", a.name, "x", "0");
        assertSameAnswer("vcpu-pin", a.name, "0", "-");
        assertSameAnswer("vcpu-pin", a.name, "all", "-");
        assertSameAnswer("vcpu-pin", "no-such-domain", "0", "0");
        xlj("vcpu-set", a.name, "1").assertSuccess();
        assertThat(DomainTraces.read("/local/domain/" + domidA + "/cpu/0/availability")).isEqualTo("online");
        assertSameAnswer("vcpu-set", a.name, "x");
        assertThat(xlj("vcpu-set", a.name, "2").exitCode()).isEqualTo(stock("vcpu-set", a.name, "2").exitCode());

        String info = stock("info").assertSuccess().stdout();
        String cmd = info.lines().anyMatch(l -> l.matches("xen_scheduler\\s*: credit2")) ? "sched-credit2" : "sched-credit";
        xlj(cmd, "-d", a.name, "-w", "512", "-c", "50").assertSuccess();
        assertThat(stock(cmd, "-d", a.name).assertSuccess().stdout()).endsWith(" 512   50\n");
        stock(cmd, "-d", b.name, "-w", "128").assertSuccess();
        assertSameAnswer(cmd, "-d", b.name);
        assertSameAnswer(cmd, "-d", a.name);
        assertSameAnswer(cmd, "-d", a.name, "-w", "70000");
        assertSameAnswer(cmd, "-d", a.name, "-c", "1000");
        assertSameAnswer(cmd.equals("sched-credit2") ? "sched-credit" : "sched-credit2", "-d", a.name);
        assertSameAnswer("console", "-t", "foo", a.name);
        assertSameAnswer("console", "no-such-domain");
    }

    /** vcpu-list rows as "NAME ID VCPU HARD / SOFT". */
    static List<String> vcpuRows(String out) {
        return out.lines().skip(1).map(l -> l.trim().split("\\s+"))
                .map(f -> f[0] + " " + f[1] + " " + f[2] + " " + String.join(" ", List.of(f).subList(6, f.length)))
                .toList();
    }

    @Test
    @Order(2)
    void memMaxAndMemSetAreWhatStockXlReadsBack() {
        String dom = "/local/domain/" + domidA;
        xlj("mem-max", a.name, "256").assertSuccess();
        assertThat(DomainTraces.read(dom + "/memory/static-max")).isEqualTo("262144");
        xlj("mem-set", a.name, "100m").assertSuccess();
        assertThat(DomainTraces.read(dom + "/memory/target")).isEqualTo("102400");
        assertThat(DomainTraces.read("/vm/" + uuidA + "/memory")).isEqualTo("100");
        String stockView = stock("list", "-l", a.name).assertSuccess().stdout();
        assertThat(stockView).contains("\"max_memkb\": 262144,", "\"target_memkb\": 102400,");

        stock("mem-max", b.name, "200").assertSuccess();
        stock("mem-set", b.name, "120").assertSuccess();
        String dm = "/local/domain/" + domidB;
        assertThat(DomainTraces.read(dm + "/memory/static-max")).isEqualTo("204800");
        assertThat(DomainTraces.read(dm + "/memory/target")).isEqualTo("122880");
        assertThat(xlj("list", "-l", b.name).assertSuccess().stdout())
                .contains("\"max_memkb\": 204800,", "\"target_memkb\": 122880,");

        // libxl's LOGE there appends strerror of an errno that nothing in the call set: compare the rest
        ExecResult ours = xlj("mem-max", "31999", "256");
        ExecResult theirs = stock("mem-max", "31999", "256");
        assertThat(ours.exitCode()).isEqualTo(theirs.exitCode()).isEqualTo(1);
        assertThat(ours.stderr().replaceAll("(?m)^(libxl: error: [^\\n]*domain 31999): .*$", "$1"))
                .isEqualTo(theirs.stderr().replaceAll("(?m)^(libxl: error: [^\\n]*domain 31999): .*$", "$1"));
        assertSameAnswer("mem-set", a.name, "12x");
        assertSameAnswer("mem-set", a.name, "1000000");
        assertSameAnswer("mem-max", "no-such-domain", "256");
    }

    @Test
    @Order(3)
    void listLongIsStockXlsByteForByte() {
        // Dom0's memory nodes are made by the first toolstack that needs them (libxl__fill_dom0_memory_info):
        // xlj must make them as libxl does, from dom0's domain info.
        String target = "/local/domain/0/memory/target";
        String max = "/local/domain/0/memory/static-max";
        stock("list", "-l", "0").assertSuccess();
        String stockTarget = DomainTraces.read(target);
        String stockMax = DomainTraces.read(max);
        Exec.run(Duration.ofSeconds(30), "xenstore-rm", target).assertSuccess();
        Exec.run(Duration.ofSeconds(30), "xenstore-rm", max).assertSuccess();
        assertSameAnswer("list", "-l");
        assertThat(DomainTraces.read(target)).isEqualTo(stockTarget);
        assertThat(DomainTraces.read(max)).isEqualTo(stockMax);
        assertSameAnswer("list", "-l", a.name);
        assertSameAnswer("list", "--long", b.name);
    }

    @Test
    @Order(4)
    void renameIsSeenByBothAndRefusesATakenName() {
        xlj("rename", a.name, "xlj-life-renamed").assertSuccess();
        assertThat(stock("domid", "xlj-life-renamed").assertSuccess().stdout()).isEqualTo(domidA + "\n");
        assertThat(DomainTraces.read("/vm/" + uuidA + "/name")).isEqualTo("xlj-life-renamed");
        stock("rename", "xlj-life-renamed", a.name).assertSuccess();
        assertThat(xlj("domname", Integer.toString(domidA)).assertSuccess().stdout()).isEqualTo(a.name + "\n");

        xlj("rename", b.name, "xlj-life-b2").assertSuccess();
        assertThat(stock("domname", Integer.toString(domidB)).assertSuccess().stdout()).isEqualTo("xlj-life-b2\n");
        assertThat(DomainTraces.read("/vm/" + uuidB + "/name")).isEqualTo("xlj-life-b2");
        xlj("rename", "xlj-life-b2", b.name).assertSuccess();

        assertSameAnswer("rename", a.name, b.name);
        assertSameAnswer("rename", "no-such-domain", "x");
        assertSameAnswer("rename", "31999", "x");
    }

    @Test
    @Order(5)
    void uptimeListsTheSameDomainsAsStockXl() {
        ExecResult ours = xlj("uptime").assertSuccess();
        ExecResult theirs = stock("uptime").assertSuccess();
        assertThat(withoutTimes(ours.stdout())).isEqualTo(withoutTimes(theirs.stdout()));
        assertThat(ours.stdout().lines().findFirst()).isEqualTo(theirs.stdout().lines().findFirst())
                .hasValue(String.format("%-33s %4s %s", "Name", "ID", "Uptime"));
        assertThat(ours.stderr()).isEqualTo(theirs.stderr());

        String shortOurs = xlj("uptime", "-s", a.name, "0").assertSuccess().stdout();
        String shortTheirs = stock("uptime", "-s", a.name, "0").assertSuccess().stdout();
        assertThat(withoutTimes(shortOurs)).isEqualTo(withoutTimes(shortTheirs));
        assertThat(shortOurs).contains(", " + a.name + " (" + domidA + ")\n", ", Domain-0 (0)\n");
    }

    /** Uptimes and clocks ("1 day,  2:03:04", " 12:34:56 up  0:05") masked. */
    static String withoutTimes(String s) {
        return s.replaceAll("(\\d+ days?, )?[ \\d]\\d:\\d\\d(:\\d\\d)?", "T");
    }

    @Test
    @Order(6)
    void badDomainsAnswerLikeStockXl() {
        for (String cmd : List.of("pause", "unpause", "shutdown", "reboot", "uptime")) {
            assertSameAnswer(cmd, "no-such-domain");
        }
        for (String cmd : List.of("pause", "unpause", "shutdown", "reboot", "uptime")) {
            assertSameAnswer(cmd, "31999");
        }
        assertSameAnswer("shutdown");
        assertSameAnswer("list", "-l", "no-such-domain");
    }

    @Test
    @Order(7)
    void infoIsStockXlsButForFreeMemory() {
        ExecResult ours = xlj("info").assertSuccess();
        ExecResult theirs = stock("info").assertSuccess();
        assertThat(ours.stderr()).isEqualTo(theirs.stderr());
        assertThat(withoutFreeMemory(ours.stdout())).isEqualTo(withoutFreeMemory(theirs.stdout()));
        assertSameAnswer("info", "xen_version");
        assertSameAnswer("info", "xen_c");
        assertSameAnswer("info", "nothing-matches");
    }

    static String withoutFreeMemory(String info) {
        return info.replaceAll("(?m)^free_memory( +): \\d+$", "free_memory$1: N");
    }

    @Test
    @Order(7)
    void dmesgIsTheHypervisorsConsoleRing() {
        String before = stock("dmesg").assertSuccess().stdout();
        ExecResult ours = xlj("dmesg").assertSuccess();
        String after = stock("dmesg").assertSuccess().stdout();
        assertThat(ours.stderr()).isEmpty();
        assertThat(ours.stdout()).contains("Xen version 4.17");
        // the ring only grows between the three reads
        assertThat(ours.stdout()).startsWith(before);
        assertThat(after).startsWith(ours.stdout());
    }

    @Test
    @Order(8)
    void rebootIsHonouredByTheGuestOfXlj() {
        TestGuest c = TestGuest.minimal("xlj-life-c");
        try {
            xlj("create", c.config.toString()).assertSuccess();
            int id = XljPvLifecycleTest.stockDomid(c.name);
            c.awaitConsole("XLJ-GUEST: ready", BOOT);
            ExecResult r = xlj("reboot", "-w", c.name);
            r.assertSuccess();
            assertThat(r.stderr()).isEqualTo("Rebooting domain " + id + "\nWaiting for 1 domains\nDomain " + id
                    + " has been shut down, reason code 1\n");
            assertThat(c.awaitConsole("XLJ-GUEST: reboot", Duration.ofSeconds(30))).contains("XLJ-GUEST: reboot");
            // xljd, which bin/xl ran the create in, is the domain's monitor: on_reboot="restart" (the
            // default) builds it again under the same name, as Xen's xl's monitor does.
            int again = awaitDomid(c.name, d -> d != id, Duration.ofSeconds(120));
            assertThat(again).isNotEqualTo(id);
            // xenconsoled appends the new domain's console to the same log: a second boot follows.
            long end = System.nanoTime() + BOOT.toNanos();
            String log;
            while ((log = c.console()).indexOf("XLJ-GUEST: ready", log.lastIndexOf("XLJ-GUEST: reboot")) < 0) {
                assertThat(System.nanoTime()).as("second boot of %s:\n%s", c.name, log).isLessThan(end);
                TestGuest.sleep(Duration.ofMillis(500));
            }
            xlj("destroy", c.name).assertSuccess();
        } finally {
            c.destroyQuietly();
        }
    }

    @Test
    @Order(9)
    void shutdownWaitOfXljsGuestEndsWhenItHasPoweredOff() {
        ExecResult r = xlj("shutdown", "-w", a.name);
        r.assertSuccess();
        assertThat(r.stderr()).isEqualTo("Shutting down domain " + domidA + "\nWaiting for 1 domains\nDomain "
                + domidA + " has been shut down, reason code 0\n");
        a.awaitConsole("XLJ-GUEST: poweroff", Duration.ofSeconds(30));
        // on_poweroff="destroy", carried out by xljd (the monitor of the domains bin/xl created)
        awaitGone(a.name, Duration.ofSeconds(60));
        assertThat(DomainTraces.nodesOf(domidA, uuidA)).isEmpty();
        assertThat(DomainTraces.userdataOf(domidA, uuidA)).isEmpty();
    }

    @Test
    @Order(10)
    void shutdownWaitWaitOfStockXlsGuestEndsWhenItsMonitorHasDestroyedIt() {
        ExecResult r = xlj("shutdown", "-ww", b.name);
        r.assertSuccess();
        assertThat(r.stderr()).startsWith("Shutting down domain " + domidB + "\nWaiting for 1 domains\n")
                .endsWith("Domain " + domidB + " has been destroyed\n");
        b.awaitConsole("XLJ-GUEST: poweroff", Duration.ofSeconds(30));
        assertThat(TestGuest.stockXlListNames()).doesNotContain(b.name);
        assertThat(DomainTraces.nodesOf(domidB, uuidB)).isEmpty();
        assertThat(DomainTraces.userdataOf(domidB, uuidB)).isEmpty();
    }
}
