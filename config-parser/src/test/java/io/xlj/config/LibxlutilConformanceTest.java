package io.xlj.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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

    /** The example configs and xl.conf that Debian's xen-utils install in /etc/xen. */
    static List<CfgCases.Case> installedExamples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/etc/xen"))) {
            List<CfgCases.Case> cases = s.filter(p -> p.getFileName().toString().matches("xlexample\\..*|xl\\.conf"))
                    .sorted()
                    .map(p -> new CfgCases.Case(p.getFileName().toString(), read(p)))
                    .toList();
            assertThat(cases).as("xen-utils-4.17's /etc/xen examples").isNotEmpty();
            return cases;
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installedExamples")
    void installedExamplesSameAsLibxlutil(CfgCases.Case c) {
        sameAsLibxlutil(c);
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
