package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.xlj.xen.XenConstants;
import io.xlj.xen.XenCtrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9 in the lab: the Hyper-V enlightenments (viridian=) of an HVM guest. Stock xl and
 * xlj each create the lab's HVM sample paused with the same viridian setting; Xen's
 * HVM_PARAM_VIRIDIAN of both domains must be equal, and a setting libxl refuses fails both
 * creates alike.
 */
@Tag("dom0")
@Tag("xlj-hvm")
@Tag("xlj-hvm-params")
class XljHvmParamsTest {

    @ParameterizedTest(name = "viridian = {0}")
    @ValueSource(strings = {"1", "0", "[ \"defaults\", \"reference_tsc\", \"!crash_ctl\" ]",
            "[ \"base\", \"stimer\", \"hcall_ipi\" ]", "[ \"freq\" ]"})
    void bothToolstacksGiveXenTheSameViridianMask(String viridian) {
        assumeTrue(Files.isExecutable(Path.of("/usr/libexec/xen-qemu-system-i386")), "no qemu-system-xen");
        TestGuest.assumeBothXls();
        Long theirs = maskOf("stk-viridian", viridian, false);
        Long mine = maskOf("xlj-viridian", viridian, true);
        System.err.println("[viridian] " + viridian + ": stock " + theirs + ", xlj " + mine);
        assertThat(mine).isEqualTo(theirs);
    }

    /** HVM_PARAM_VIRIDIAN of the paused guest, or null when the create failed (the failure compared as well). */
    private static Long maskOf(String name, String viridian, boolean mine) {
        Path cfg = XljHvmTest.writeConfig(name, List.of("viridian = " + viridian));
        ExecResult r = mine ? XljPvLifecycleTest.xlj("create", "-p", cfg.toString())
                : XljPvLifecycleTest.stock("create", "-p", cfg.toString());
        System.err.println("[viridian] " + r.describe());
        try {
            if (r.exitCode() != 0) {
                assertThat(r.stderr()).contains("libxl: error: ");
                return null;
            }
            int domid = XljPvLifecycleTest.stockDomid(name);
            try (XenCtrl xc = XenCtrl.open()) {
                return xc.hvmParam(domid, XenConstants.HVM_PARAM_VIRIDIAN);
            }
        } finally {
            if (TestGuest.stockXlListNames().contains(name)) {
                Exec.run(Duration.ofSeconds(120), TestGuest.STOCK_XL, "destroy", name).assertSuccess();
            }
        }
    }
}
