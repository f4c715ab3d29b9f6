package io.xlj.libxl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * xlj's PVH ACPI tables byte for byte against the oracle: Debian's libxenlight 4.17 building
 * them with its own acpi_build_tables and dsdt_pvh (src/test/c/acpi_oracle.c), configured as
 * libxl__dom_load_acpi configures it.
 */
class PvhAcpiTablesTest {

    @ParameterizedTest(name = "{0} vCPUs, online mask {1}, apic {2}")
    @CsvSource({"1, 1, 1", "2, 3, 1", "4, 5, 1", "1, 1, 0", "2, 1, 0", "15, 32767, 1", "16, 65535, 1"})
    void tablesAreLibxlsByteForByte(int vcpus, int onlineMask, int apic) throws Exception {
        Map<String, byte[]> oracle = oracle(vcpus, onlineMask, apic);
        BitSet online = BitSet.valueOf(new long[] {onlineMask});

        List<PvhAcpiTables.Module> ours = PvhAcpiTables.build(vcpus, online, apic != 0, true);

        assertThat(hex(ours.get(0).data())).as("RSDP").isEqualTo(hex(oracle.get("rsdp")));
        assertThat(hex(ours.get(1).data())).as("acpi_info page").isEqualTo(hex(oracle.get("info")));
        assertThat(ours.get(2).data().length).as("table pages").isEqualTo(oracle.get("tables").length);
        assertThat(hex(ours.get(2).data())).as("tables").isEqualTo(hex(oracle.get("tables")));
        assertThat(ours.get(1).guestAddr()).isEqualTo(0xfc000000L);
        assertThat(ours.get(2).guestAddr()).isEqualTo(0xfc001000L);
    }

    @ParameterizedTest(name = "rsdp anywhere: {0}")
    @CsvSource({"true", "false"})
    void theRsdpGoesAfterTheTablesOrBelowOneMegabyte(boolean anywhere) {
        List<PvhAcpiTables.Module> m = PvhAcpiTables.build(1, BitSet.valueOf(new long[] {1}), true, anywhere);
        long expected = anywhere ? 0xfc000000L + 0x1000L + m.get(2).data().length : 0x100000L - 64;
        assertThat(m.get(0).guestAddr()).isEqualTo(expected);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static Map<String, byte[]> oracle(int vcpus, int mask, int apic) throws Exception {
        String exe = System.getProperty("xlj.acpiOracle");
        assertThat(exe).as("system property xlj.acpiOracle (run through Maven)").isNotNull();
        assertThat(Files.isExecutable(Path.of(exe))).as(exe + " built").isTrue();
        Process p = new ProcessBuilder(exe, Integer.toString(vcpus), Integer.toString(mask), Integer.toString(apic))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Map<String, byte[]> blobs = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] w = line.split(" ", 2);
            blobs.put(w[0], HexFormat.of().parseHex(w[1].strip()));
        }
        return blobs;
    }
}
