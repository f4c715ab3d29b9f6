package io.xlj.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every crafted case through Debian's real libxlutil (cfgprobe) and through
 * io.xlj.config, with the same getter calls on every key: messages, return
 * codes, values, list shapes and value locations must agree byte for byte.
 */
class LibxlutilConformanceTest {

    static List<CfgCases.Case> cases() {
        return CfgCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameAsLibxlutil(CfgCases.Case c) {
        String file = c.name() + ".cfg";
        Path p = Oracle.file(file, c.data());
        List<String> keys = ProbeMirror.keys(c.data());
        Oracle.Run real = Oracle.probe(p, file, keys);
        assertThat(real.rc()).as("cfgprobe exit status; stderr: %s", real.err()).isZero();
        assertThat(ProbeMirror.run(c.data(), file, keys)).isEqualTo(real.out());
    }
}
