package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
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
 * The lab works: Xen's own xl creates the test guest with a file disk and a vif, the guest
 * boots, reads and writes its disk, pings dom0, and its destruction leaves no xenstore trace.
 * Runs inside the lab's dom0 (see Dom0SuitesIT); it is the baseline the xlj suites compare to.
 */
@Tag("dom0")
@Tag("smoke")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StockXlSmokeTest {

    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final String GUEST_IP = "10.99.0.2";

    private final String marker = UUID.randomUUID().toString();
    private final TestGuest guest = TestGuest.withDiskAndVif("xlj-smoke", marker, GUEST_IP);
    private int domid;
    private List<String> nodesBeforeDestroy;

    @BeforeAll
    void createGuest() {
        Exec.run(TestGuest.CREATE, TestGuest.STOCK_XL, "create", guest.config.toString()).assertSuccess();
        domid = Integer.parseInt(Exec.run(Duration.ofSeconds(30), TestGuest.STOCK_XL, "domid", guest.name)
                .assertSuccess().stdout().trim());
    }

    @AfterAll
    void cleanUp() {
        guest.destroyQuietly();
    }

    private String consoleWhenReady() {
        return guest.awaitReady(BOOT);
    }

    @Test
    @Order(1)
    void guestConsoleShowsItBooted() {
        String console = consoleWhenReady();
        assertThat(console).contains("XLJ-GUEST: boot kernel=");
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
    void guestAndDom0PingEachOtherOverXenbr0() {
        String console = consoleWhenReady();
        assertThat(console).contains("XLJ-GUEST: ping-ok 10.99.0.1");
        guest.assertDom0PingsIt();
    }

    @Test
    @Order(4)
    void xlListShowsTheGuest() {
        assertThat(TestGuest.stockXlListNames()).contains(guest.name);
        assertThat(TestGuest.stockXlListDomids()).contains(domid);
    }

    @Test
    @Order(5)
    void xenstoreHoldsTheGuestsNodesWhileItRuns() {
        nodesBeforeDestroy = nodesOf(domid);
        // The matcher must see every kind of node, or its empty answer after destroy proves nothing.
        assertThat(nodesBeforeDestroy)
                .anyMatch(p -> p.startsWith("/local/domain/" + domid + "/"))
                .anyMatch(p -> p.startsWith("/local/domain/0/backend/vbd/" + domid + "/"))
                .anyMatch(p -> p.startsWith("/local/domain/0/backend/vif/" + domid + "/"))
                .anyMatch(p -> p.startsWith("/libxl/" + domid))
                .anyMatch(p -> p.startsWith("/vm/"));
    }

    @Test
    @Order(6)
    void xlDestroyLeavesNoXenstoreNodeOfTheGuest() {
        Exec.run(Duration.ofSeconds(60), TestGuest.STOCK_XL, "destroy", guest.name).assertSuccess();
        assertThat(TestGuest.stockXlListNames()).doesNotContain(guest.name);
        assertThat(nodesOf(domid)).isEmpty();
    }

    /** Every xenstore path that belongs to domain domid, including its /vm/UUID directory. */
    private List<String> nodesOf(int id) {
        String ls = Exec.run(Duration.ofSeconds(30), "xenstore-ls", "-f", "/").assertSuccess().stdout();
        List<String> paths = ls.lines().map(l -> l.split(" = ", 2)[0]).toList();
        String vm = paths.stream().filter(p -> p.equals("/local/domain/" + id + "/vm")).findFirst()
                .map(p -> ls.lines().filter(l -> l.startsWith(p + " = ")).findFirst().orElse(""))
                .map(l -> l.substring(l.indexOf('"') + 1, l.lastIndexOf('"')))
                .orElse(vmPathSeenBefore());
        Pattern own = Pattern.compile("^(/local/domain/" + id + "(/.*)?"
                + "|/local/domain/0/backend/[^/]+/" + id + "(/.*)?"
                + "|/libxl/" + id + "(/.*)?"
                + (vm.isEmpty() ? "" : "|" + Pattern.quote(vm) + "(/.*)?") + ")$");
        return paths.stream().filter(p -> own.matcher(p).matches()).toList();
    }

    private String vmPathSeenBefore() {
        if (nodesBeforeDestroy == null) {
            return "";
        }
        return nodesBeforeDestroy.stream().filter(p -> p.startsWith("/vm/"))
                .map(p -> p.split("/", 4)).filter(a -> a.length >= 3).map(a -> "/vm/" + a[2])
                .findFirst().orElse("");
    }
}
