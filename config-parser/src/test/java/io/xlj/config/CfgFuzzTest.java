package io.xlj.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded random and mutated inputs (NUL bytes included) never make the parser
 * throw or hang, and everything it reports is one of libxlutil's messages
 * with a file:line position.  The time limit only catches hangs.
 */
class CfgFuzzTest {

    private static final Pattern REPORT_LINE = Pattern.compile(
            "f\\.cfg:\\d+: config parsing error near (`[^\\n]*')?(<newline>)?: [^\\n]+"
            + "|warning: Config file looks like it contains Python code\\."
            + "|warning:  Arbitrary Python is no longer supported\\."
            + "|warning:  See https://wiki\\.xen\\.org/wiki/PythonInXlConfig");

    @Test
    void neverThrowsNeverHangsAlwaysPositions() {
        long seed = Long.getLong("xlj.fuzz.seed", 20261125L);
        int cases = Integer.getInteger("xlj.fuzz.cases", 300) * 50;
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            CfgGenerator gen = new CfgGenerator(seed, true);
            for (int i = 0; i < cases; i++) {
                byte[] data = gen.next();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                XlConfig cfg = new XlConfig("f.cfg", new PrintStream(bytes, true, StandardCharsets.ISO_8859_1));
                int rc = cfg.readData(data);
                String report = bytes.toString(StandardCharsets.ISO_8859_1);
                String input = new String(data, StandardCharsets.ISO_8859_1);
                if (rc == 0) {
                    assertThat(report).as("accepted input reports nothing: %s", input).isEmpty();
                } else {
                    assertThat(rc).isEqualTo(Errno.EINVAL);
                    assertThat(report).as("rejected input says why: %s", input).isNotEmpty();
                    for (String line : report.split("\n")) {
                        assertThat(line).as("case %d of seed %d: %s", i, seed, input).matches(REPORT_LINE);
                    }
                }
                for (Setting s : cfg.settings()) {
                    cfg.getString(s.name(), true);
                    cfg.getLong(s.name(), true);
                    cfg.getListAsStringList(s.name(), true);
                }
            }
        });
    }
}
