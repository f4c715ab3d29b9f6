package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.config.spec.HostTopology;
import io.xlj.config.spec.SpecCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code xl -N block-attach 0 ...}, {@code xl -N network-attach 0 ...} and
 * {@code xl -N vcpu-pin ...} through our {@link Xl} and through the real xl 4.17 (the
 * oracle, {@code oracle/xl}): stdout, stderr and exit code must agree byte for byte, for
 * every case of Xen's check-xl-disk-parse, check-xl-vif-parse and
 * check-xl-vcpupin-parse and ours (the case files live with config-parser's tests).
 * Except the two documented {@code trusted}/{@code untrusted} disk cases, which follow
 * Xen's check script instead of 4.17's stale scanner.
 */
class SpecCommandsOracleTest {

    private static final Path CASES = Path.of("..", "config-parser", "src", "test", "resources",
            "io", "xlj", "config", "spec");

    record Case(String file, int line, List<String> argv) {
        @Override
        public String toString() {
            return file + ":" + line + " xl " + String.join(" ", argv.stream().map(a -> "[" + a + "]").toList());
        }
    }

    @BeforeAll
    static void pretendHost() {
        // the oracle's shim pretends to be a host with 4 CPUs on one node
        System.setProperty(HostTopology.PROPERTY, "cpus=4,nodes=1");
    }

    static Stream<Case> cases() {
        List<Case> all = new ArrayList<>();
        load(all, "disk-cases.txt", List.of("-N", "block-attach", "0"));
        load(all, "vif-cases.txt", List.of("-N", "network-attach", "0"));
        load(all, "cpulist-cases.txt", List.of("-N", "vcpu-pin"));
        // command-level cases of our own: usage errors and domain qualifiers
        all.add(new Case("own", 1, List.of("-N", "block-attach")));
        all.add(new Case("own", 2, List.of("-N", "block-attach", "0")));
        all.add(new Case("own", 3, List.of("-N", "block-attach", "foo", "/x,,hda")));
        all.add(new Case("own", 4, List.of("-N", "block-attach", "12x", "/x,,hda")));
        all.add(new Case("own", 5, List.of("-N", "block-attach", "", "/x,,hda")));
        all.add(new Case("own", 6, List.of("-N", "block-attach", "-h")));
        all.add(new Case("own", 7, List.of("-N", "block-attach", "-x", "0", "/x,,hda")));
        all.add(new Case("own", 8, List.of("-N", "block-attach", "--", "0", "/x,,hda")));
        all.add(new Case("own", 9, List.of("-N", "network-attach")));
        all.add(new Case("own", 10, List.of("-N", "network-attach", "0")));
        all.add(new Case("own", 11, List.of("-N", "network-attach", "foo", "mac=00:16:3e:00:00:01")));
        all.add(new Case("own", 12, List.of("-N", "network-attach", "-h")));
        all.add(new Case("own", 13, List.of("-N", "network-attach", "4294967297", "bridge=br0")));
        all.add(new Case("own", 14, List.of("-N", "vcpu-pin", "-h")));
        all.add(new Case("own", 15, List.of("-N", "vcpu-pin", "--help")));
        all.add(new Case("own", 16, List.of("-N", "vcpu-pin", "-x", "0", "all", "1")));
        all.add(new Case("own", 17, List.of("-N", "vcpu-pin", "--ignore", "0", "all", "1")));
        all.add(new Case("own", 18, List.of("-N", "block-a", "0", "/x,,hda")));
        all.add(new Case("own", 19, List.of("-N", "network-a", "0", "bridge=x")));
        all.add(new Case("own", 20, List.of("-N", "vcpu-p", "0", "all", "1")));
        return all.stream();
    }

    private static void load(List<Case> into, String file, List<String> prefix) {
        try {
            List<String> lines = Files.readAllLines(CASES.resolve(file), StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                List<String> words = SpecCase.words(l);
                List<String> argv = new ArrayList<>(prefix);
                argv.addAll(words.subList(1, words.size()));
                into.add(new Case(file, i + 1, argv));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithXl(Case c) {
        OracleXl.Run ours = ours(c.argv());
        List<String> a = c.argv();
        if (a.get(1).equals("block-attach") && a.size() == 6
                && (a.contains("trusted") || a.contains("untrusted"))) {
            assertThat(ours).isEqualTo(new OracleXl.Run("""
                    disk: {
                        "pdev_path": "/some/disk/image.raw",
                        "vdev": "hda",
                        "format": "raw",
                        "readwrite": 1,
                        "trusted": "%s"
                    }

                    """.formatted(a.contains("trusted") ? "True" : "False"), "", 0));
            return;
        }
        assertThat(ours).isEqualTo(OracleXl.real(c.argv().toArray(new String[0])));
    }

    static OracleXl.Run ours(List<String> argv) {
        return OracleXl.ours(Commands.IMPLEMENTED, argv.toArray(new String[0]));
    }
}
