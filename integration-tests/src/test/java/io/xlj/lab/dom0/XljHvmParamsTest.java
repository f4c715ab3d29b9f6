package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xlj.xen.XenConstants;
import io.xlj.xen.XenCtrl;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9 in the lab: the Hyper-V enlightenments (viridian=) of an HVM guest, and the tables
 * and generation ID handed to hvmloader. Stock xl and xlj each create the lab's HVM sample
 * paused with the same setting; Xen's HVM_PARAM_VIRIDIAN of both domains must be equal, and a
 * setting libxl refuses fails both creates alike.
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

    /**
     * smbios_firmware, acpi_firmware and ms_vm_genid: both toolstacks' paused guests have the
     * tables where hvmloader looks for them ({@code hvmloader/smbios} and {@code hvmloader/acpi}:
     * the same address and length) and in {@code platform/generation-id} the generation ID of
     * their stored config, written as libxl writes it; an SMBIOS file that is not there fails
     * both creates alike.
     */
    @Test
    void bothToolstacksHandHvmloaderTheSameTablesAndAGenerationId() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/libexec/xen-qemu-system-i386")), "no qemu-system-xen");
        TestGuest.assumeBothXls();
        Path dir = Files.createTempDirectory("xlj-hvm-tables");
        // One SMBIOS type 11 (OEM strings) structure behind its 32-bit length, as hvmloader reads them.
        byte[] oem = {11, 5, 0, 0, 1, 'X', 'L', 'J', 0, 0};
        ByteBuffer smbios = ByteBuffer.allocate(4 + oem.length).order(ByteOrder.LITTLE_ENDIAN).putInt(oem.length).put(oem);
        Path smbiosFile = Files.write(dir.resolve("smbios.bin"), smbios.array());
        Path acpiFile = Files.write(dir.resolve("ssdt.aml"), "SSDT-XLJ-TEST-TABLE".getBytes(StandardCharsets.US_ASCII));
        List<String> lines = List.of("smbios_firmware = \"" + smbiosFile + "\"", "acpi_firmware = \"" + acpiFile + "\"",
                "ms_vm_genid = \"generate\"");
        List<String> theirs = tablesAndGenid("stk-tables", lines, false);
        List<String> mine = tablesAndGenid("xlj-tables", lines, true);
        System.err.println("[tables] stock " + theirs + ", xlj " + mine);
        assertThat(theirs.get(0)).startsWith("0x");
        assertThat(mine).isEqualTo(theirs);

        List<String> missing = List.of("smbios_firmware = \"" + dir.resolve("absent.bin") + "\"");
        ExecResult stockFails = XljPvLifecycleTest.stock("create", "-p",
                XljHvmTest.writeConfig("stk-tables", missing).toString());
        ExecResult xljFails = XljPvLifecycleTest.xlj("create", "-p",
                XljHvmTest.writeConfig("xlj-tables", missing).toString());
        System.err.println("[tables] missing file, stock: " + stockFails.describe() + "\n[tables] xlj: " + xljFails.describe());
        assertThat(xljFails.exitCode()).isEqualTo(stockFails.exitCode()).isNotZero();
        assertThat(withoutDomids(xljFails.stderr().replace("xlj-tables", "N")))
                .isEqualTo(withoutDomids(stockFails.stderr().replace("stk-tables", "N")));
        assertThat(TestGuest.stockXlListNames()).doesNotContain("stk-tables", "xlj-tables");
    }

    private static String withoutDomids(String s) {
        return s.replaceAll("Domain \\d+", "Domain D").replaceAll("Parsing config from .*\n", "");
    }

    /**
     * The paused guest's hvmloader/smbios/{address,length}, hvmloader/acpi/{address,length}
     * and whether platform/generation-id is the stored config's ms_vm_genid as libxl writes it.
     */
    private static List<String> tablesAndGenid(String name, List<String> lines, boolean mine) throws IOException {
        Path cfg = XljHvmTest.writeConfig(name, lines);
        ExecResult r = mine ? XljPvLifecycleTest.xlj("create", "-p", cfg.toString())
                : XljPvLifecycleTest.stock("create", "-p", cfg.toString());
        System.err.println("[tables] " + r.describe());
        try {
            r.assertSuccess();
            int domid = XljPvLifecycleTest.stockDomid(name);
            String dom = "/local/domain/" + domid;
            JsonNode stored = new ObjectMapper().readTree(XljPvLifecycleTest.stock("list", "-l", name).assertSuccess()
                    .stdout()).get(0).get("config").get("b_info").get("type.hvm").get("ms_vm_genid");
            ByteBuffer id = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            stored.forEach(b -> id.put((byte) b.asInt()));
            String expected = Long.toUnsignedString(id.getLong(0)) + ":" + Long.toUnsignedString(id.getLong(8));
            String genid = DomainTraces.read(dom + "/platform/generation-id");
            return List.of(DomainTraces.read(dom + "/hvmloader/smbios/address"),
                    DomainTraces.read(dom + "/hvmloader/smbios/length"),
                    DomainTraces.read(dom + "/hvmloader/acpi/address"),
                    DomainTraces.read(dom + "/hvmloader/acpi/length"),
                    genid.equals(expected) && !genid.equals("0:0") ? "generation-id of the stored config"
                            : "generation-id " + genid + " but the stored config's is " + expected);
        } finally {
            if (TestGuest.stockXlListNames().contains(name)) {
                Exec.run(Duration.ofSeconds(120), TestGuest.STOCK_XL, "destroy", name).assertSuccess();
            }
        }
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
