package io.xlj.config.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.config.model.DeviceNic;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vif case (Xen's check-xl-vif-parse plus ours) through the real xl 4.17
 * ({@code xl -N network-attach 0 TOKENS}) and through {@link NicSpecParser} printed the
 * way xl's main_networkattach prints it; stdout, stderr and exit code must agree.
 * The oracle reads no xl.conf vif defaults here (its host has none set), so neither do we.
 */
class VifSpecOracleTest {

    static Stream<SpecCase> cases() {
        return SpecCase.load("vif-cases.txt").stream();
    }

    static OracleXl.Run ours(List<String> tokens) {
        StringBuilder err = new StringBuilder();
        DeviceNic.Builder nic = DeviceNic.builder();
        try {
            for (String t : tokens) {
                if (!NicSpecParser.applyToken(nic, "command line", t, err::append)) {
                    return new OracleXl.Run(1, "", err.toString());
                }
            }
            return new OracleXl.Run(0, "vif: " + nic.build().toJson() + "\n", err.toString());
        } catch (SpecException e) {
            return new OracleXl.Run(e.exitCode(), "", err.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithXl(SpecCase c) {
        List<String> argv = new ArrayList<>(List.of("-N", "network-attach", "0"));
        argv.addAll(c.args());
        OracleXl.Run xl = OracleXl.run(argv);
        assertThat(ours(c.args())).isEqualTo(xl);
        if (!c.expectedRc().equals("-")) {
            assertThat(xl.rc()).as("Xen's check script's exit code").hasToString(c.expectedRc());
        }
    }
}
