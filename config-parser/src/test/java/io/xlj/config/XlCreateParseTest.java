package io.xlj.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crafted cases through the real {@code xl -N create} (oracle/xl): when xl
 * rejects the file, its whole output (stdout, stderr, exit code) must be what
 * xl prints around our parser's report; when xl accepts it, so must we, and
 * xl's stderr must start with exactly our report.
 */
class XlCreateParseTest {

    static List<CfgCases.Case> cases() {
        return CfgCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameAsXlCreate(CfgCases.Case c) {
        String file = c.name() + ".cfg";
        Oracle.file(file, c.data());
        Oracle.Run real = Oracle.xl("-N", "create", file);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream report = new PrintStream(bytes, true, StandardCharsets.ISO_8859_1);
        XlConfig cfg = new XlConfig(file, report);
        int e = cfg.readData(c.data());
        String ours = "Parsing config from " + file + "\n" + bytes.toString(StandardCharsets.ISO_8859_1);

        if (real.err().contains("Failed to parse config: ")) {
            assertThat(e).as("xl rejected the file").isNotZero();
            assertThat(real.err()).isEqualTo(ours + "Failed to parse config: " + Errno.strerror(e) + "\n");
            assertThat(real.out()).isEmpty();
            assertThat(real.rc()).isEqualTo(1);
        } else {
            assertThat(e).as("xl accepted the file; stderr: %s", real.err()).isZero();
            assertThat(real.err()).startsWith(ours);
        }
    }
}
