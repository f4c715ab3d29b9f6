package io.xlj.libxl.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Virtual disk names to device numbers against Debian's real libxenlight 4.17: the probe
 * (src/test/c/vdev_probe.c) reports the number libxl_vdev_to_device_disk looks up, which
 * is -1 for every name libxl rejects (it rejects negative numbers there too).
 */
class VdevNumberOracleTest {

    private static Map<String, Long> oracle(List<String> vdevs) throws Exception {
        Path probe = NativeProbe.build("vdev_probe", "xenlight", "xentoollog");
        List<String> cmd = new ArrayList<>();
        cmd.add(probe.toString());
        cmd.addAll(vdevs);
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : NativeProbe.run(cmd).split("\n")) {
            int tab = line.lastIndexOf('\t');
            if (tab >= 0) {
                out.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)));
            }
        }
        return out;
    }

    private static void assertSameAsLibxl(List<String> vdevs) throws Exception {
        Map<String, Long> libxl = oracle(vdevs);
        assertThat(libxl).hasSize(vdevs.size());
        Map<String, String> wrong = new LinkedHashMap<>();
        for (String v : vdevs) {
            int n = VdevNumber.of(v);
            long ours = n < 0 ? -1L : n;
            if (ours != libxl.get(v)) {
                wrong.put("'" + v + "'", "xlj " + ours + ", libxl " + libxl.get(v));
            }
        }
        assertThat(wrong).as("names where xlj and libxl disagree").isEmpty();
    }

    @Test
    void namedExamplesOfTheIssue() throws Exception {
        assertSameAsLibxl(List.of("xvda", "hda", "sda", "d0p1", "xvdq", "xvdaa", "xvdzz", "xvdp15", "xvdp16",
                "d15p15", "d16p0", "d1048575p255", "d1048576p0", "d0p256"));
        assertThat(VdevNumber.of("xvda")).isEqualTo(51712);
        assertThat(VdevNumber.of("hda")).isEqualTo(768);
        assertThat(VdevNumber.of("sda")).isEqualTo(2048);
    }

    @Test
    void everyPrefixLetterAndPartitionForm() throws Exception {
        List<String> vdevs = new ArrayList<>();
        String[] letters = {"a", "b", "d", "o", "p", "q", "z", "aa", "az", "ba", "zz", "aaa", "zzz", "aaaa",
            "bmwpa", "zzzzz", "A", ""};
        String[] parts = {"", "0", "1", "9", "15", "16", "63", "64", "255", "256", "01", "1x", "-1", "+1", "0x1"};
        for (String prefix : new String[] {"xvd", "hd", "sd", "vd"}) {
            for (String l : letters) {
                for (String p : parts) {
                    vdevs.add(prefix + l + p);
                }
            }
        }
        assertSameAsLibxl(vdevs);
    }

    @Test
    void theDpFormAndPlainNumbersInCSyntax() throws Exception {
        assertSameAsLibxl(List.of("d0p0", "d1p2", "d01p02", "d0x10p0x1", "d+1p+2", "d-1p2", "d1p-2", "d1p2x",
                "dp1", "d1p", "d1", "d 1p2", "d1p 2", "0", "1234", "0x10", "010", "-1", "+5", "2147483647",
                "2147483648", "99999999999999999999", " 12", "12 ", "0x", "08", "xvd", "foo", ""));
    }

    @Test
    void randomNamesBuiltFromTheGrammarsPieces() throws Exception {
        Random r = new Random(7);
        String[] pieces = {"xvd", "hd", "sd", "d", "p", "a", "b", "z", "0", "1", "5", "9", "x", "-", "+", "25",
            "255", "256", "15", "16", "63", "64"};
        List<String> vdevs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            int n = 1 + r.nextInt(5);
            for (int k = 0; k < n; k++) {
                s.append(pieces[r.nextInt(pieces.length)]);
            }
            if (!vdevs.contains(s.toString())) {
                vdevs.add(s.toString());
            }
        }
        assertSameAsLibxl(vdevs);
    }
}
