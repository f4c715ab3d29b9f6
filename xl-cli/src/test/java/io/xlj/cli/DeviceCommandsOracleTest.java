package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * block-list, block-detach, network-list, network-detach (and the attach commands' argument
 * checks) against the real xl 4.17 for everything decided before a domain is looked at:
 * missing arguments, unknown options, help, -N refusal. stdout, stderr and exit code must be
 * identical. (What they do to real domains is proven in the lab: XljDevicesTest.)
 */
class DeviceCommandsOracleTest {

    static Stream<List<String>> cases() {
        return Stream.of(
                List.of("block-list"),
                List.of("block-list", "-h"),
                List.of("block-list", "--help"),
                List.of("block-list", "-x", "1"),
                List.of("block-list", "--bogus", "1"),
                List.of("-N", "block-list", "1"),
                List.of("block-detach"),
                List.of("block-detach", "1"),
                List.of("block-detach", "-f", "1"),
                List.of("block-detach", "--force", "1"),
                List.of("block-detach", "--forc", "1"),
                List.of("block-detach", "-q", "1", "xvda"),
                List.of("block-detach", "-h"),
                List.of("-N", "block-detach", "1", "xvda"),
                List.of("block-attach"),
                List.of("block-attach", "1"),
                List.of("block-attach", "-x", "1", "xvda"),
                List.of("network-list"),
                List.of("network-list", "-x"),
                List.of("network-list", "-h"),
                List.of("-N", "network-list", "1"),
                List.of("network-detach"),
                List.of("network-detach", "1"),
                List.of("network-detach", "--x", "1", "0"),
                List.of("-N", "network-detach", "1", "0"),
                List.of("network-attach"),
                List.of("network-attach", "-y", "1"),
                List.of("help", "block-detach"),
                List.of("help", "network-li"));
    }

    @ParameterizedTest(name = "xl {0}")
    @MethodSource("cases")
    void sameAsXl(List<String> args) {
        String[] a = args.toArray(new String[0]);
        assertThat(OracleXl.ours(Commands.IMPLEMENTED, a)).isEqualTo(OracleXl.real(a));
    }
}
