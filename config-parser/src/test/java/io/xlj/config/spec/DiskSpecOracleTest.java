package io.xlj.config.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.config.model.DeviceDisk;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every disk spec case (Xen's check-xl-disk-parse plus ours) through the real xl 4.17
 * ({@code xl -N block-attach 0 ARGS}) and through {@link DiskSpecParser} printed the way
 * xl's main_blockattach prints it: stdout, stderr and exit code must agree byte for byte.
 *
 * <p>The one documented exception: {@code trusted}/{@code untrusted}, which 4.17's stale
 * generated scanner does not know; there the expectation is the one in Xen's own
 * check-xl-disk-parse (see {@link #DOCUMENTED_TRUSTED}).
 */
class DiskSpecOracleTest {

    /** The expected stdout of check-xl-disk-parse's two trusted cases (Xen's text). */
    static final String DOCUMENTED_TRUSTED = """
            disk: {
                "pdev_path": "/some/disk/image.raw",
                "vdev": "hda",
                "format": "raw",
                "readwrite": 1,
                "trusted": "%s"
            }

            """;

    static Stream<SpecCase> cases() {
        return SpecCase.load("disk-cases.txt").stream();
    }

    /** What xl -N block-attach prints for these spec components, computed by our parser. */
    static OracleXl.Run ours(List<String> specs) {
        StringBuilder err = new StringBuilder();
        try {
            DeviceDisk d = DiskSpecParser.parse("command line", specs, err::append);
            return new OracleXl.Run(0, "disk: " + d.toJson() + "\n", err.toString());
        } catch (SpecException e) {
            return new OracleXl.Run(e.exitCode(), "", err.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithXl(SpecCase c) {
        OracleXl.Run ours = ours(c.args());
        boolean trustedCase = c.args().contains("trusted") || c.args().contains("untrusted");
        if (trustedCase && c.args().size() == 3) {
            String want = DOCUMENTED_TRUSTED.formatted(c.args().contains("trusted") ? "True" : "False");
            assertThat(ours).isEqualTo(new OracleXl.Run(0, want, ""));
            return;
        }
        List<String> argv = new ArrayList<>(List.of("-N", "block-attach", "0"));
        argv.addAll(c.args());
        OracleXl.Run xl = OracleXl.run(argv);
        assertThat(ours).isEqualTo(xl);
        if (!c.expectedRc().equals("-")) {
            assertThat(xl.rc()).as("Xen's check script's exit code").hasToString(c.expectedRc());
        }
    }
}
