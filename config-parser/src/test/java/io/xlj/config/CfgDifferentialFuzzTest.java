package io.xlj.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded random configs through Debian's libxlutil (cfgprobe) and ours: same
 * report, same values.  NUL bytes are left out: libxlutil asserts (aborts) on
 * a NUL inside a quoted string.  Seed: -Dxlj.fuzz.seed=N, cases: -Dxlj.fuzz.cases=N.
 */
class CfgDifferentialFuzzTest {

    @Test
    void randomConfigsAgreeWithLibxlutil() {
        long seed = Long.getLong("xlj.fuzz.seed", 20261125L);
        int cases = Integer.getInteger("xlj.fuzz.cases", 300);
        CfgGenerator gen = new CfgGenerator(seed, false);
        for (int i = 0; i < cases; i++) {
            byte[] data = gen.next();
            String file = "fuzz-" + i + ".cfg";
            Path p = Oracle.file(file, data);
            List<String> keys = ProbeMirror.keys(data);
            Oracle.Run real = Oracle.probe(p, file, keys);
            assertThat(real.rc()).as("cfgprobe on case %d (seed %d): %s", i, seed, real.err()).isZero();
            assertThat(ProbeMirror.run(data, file, keys))
                    .as("case %d of seed %d, input:%n%s", i, seed, new String(data, StandardCharsets.ISO_8859_1))
                    .isEqualTo(real.out());
        }
    }
}
