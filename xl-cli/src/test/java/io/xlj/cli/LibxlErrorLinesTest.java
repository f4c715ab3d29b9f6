package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.libxl.LibxlError;
import io.xlj.libxl.ToolstackException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What xl create prints for a failed bootloader step: libxl_bootloader.c's lines, then the build's failure and clean-up. */
class LibxlErrorLinesTest {

    @Test
    void aFailedBootloaderEndsLikeAFailedBuild() {
        List<String> bootloader = List.of(
                "libxl: error: libxl_bootloader.c:767:bootloader_finished: Domain 12:bootloader failed - consult logfile /var/log/xen/bootloader.12.log",
                "libxl: error: libxl_exec.c:117:libxl_report_child_exitstatus: bootloader [345] exited with error status 1");
        ToolstackException e = new ToolstackException("bootloader", 12, "bootloader failed",
                new LibxlError(LibxlError.ERROR_FAIL, bootloader));
        assertThat(LibxlErrorLines.of(e)).containsExactly(
                bootloader.get(0),
                bootloader.get(1),
                "libxl: error: libxl_create.c:1640:domcreate_rebuild_done: Domain 12:cannot (re-)build domain: -3",
                "libxl: error: libxl_domain.c:1183:libxl__destroy_domid: Domain 12:Non-existant domain",
                "libxl: error: libxl_domain.c:1137:domain_destroy_callback: Domain 12:Unable to destroy guest",
                "libxl: error: libxl_domain.c:1064:domain_destroy_cb: Domain 12:Destruction of domain failed");
    }

    @Test
    void aTimeoutCarriesItsOwnCode() {
        ToolstackException e = new ToolstackException("bootloader", 3, "timed out", new LibxlError(
                LibxlError.ERROR_TIMEDOUT, List.of("libxl: error: libxl_bootloader.c:738:bootloader_timeout: Domain 3:"
                        + "killing bootloader because of timeout")));
        assertThat(LibxlErrorLines.of(e)).element(1)
                .isEqualTo("libxl: error: libxl_create.c:1640:domcreate_rebuild_done: Domain 3:cannot (re-)build domain: -9");
    }

    @Test
    void aFaultInjectedAtTheStepIsOneLineNamingIt() {
        ToolstackException e = new ToolstackException("bootloader", 4, "fault injected at bootloader (XLJ_FAULT_AT)");
        assertThat(LibxlErrorLines.of(e)).containsExactly("libxl: error: Domain 4:fault injected at bootloader (XLJ_FAULT_AT)");
    }
}
