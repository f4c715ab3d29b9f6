package io.xlj.xenstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our protocol constants against Debian's own xs_wire.h and libxenstore, read by a
 * small C probe of ours (src/test/c/xswire-probe.c) compiled against those headers.
 */
class WireOracleTest {
    static Path probe;
    static List<String> wire;

    @BeforeAll
    static void buildProbe() {
        probe = NativeHelpers.build("xswire-probe.c", "xswire-probe", "-lxenstore");
        wire = NativeHelpers.run(Map.of(), probe.toString(), "wire");
    }

    private static List<String[]> lines(String key) {
        List<String[]> out = new ArrayList<>();
        for (String l : wire) {
            String[] f = l.split(" ", 3);
            if (f[0].equals(key)) {
                out.add(f);
            }
        }
        return out;
    }

    private static String value(String key) {
        return lines(key).get(0)[1];
    }

    @Test
    void everyMessageTypeHasTheHeadersCode() {
        Set<XsType> seen = EnumSet.noneOf(XsType.class);
        for (String[] f : lines("type")) {
            XsType t = XsType.valueOf(f[1]);
            assertThat(t.code()).as(f[1]).isEqualTo(Integer.parseInt(f[2]));
            assertThat(XsType.fromCode(t.code())).isSameAs(t);
            seen.add(t);
        }
        assertThat(seen).containsExactlyInAnyOrder(XsType.values());
        int count = Integer.parseInt(value("type_count"));
        assertThat(XsType.fromCode(count)).isNull();
        assertThat(XsType.fromCode(20)).as("the removed XS_RESTRICT").isNull();
        assertThat(value("debug_is_control")).isEqualTo("1");
    }

    @Test
    void everyErrorNameHasTheLibcText() {
        List<String[]> errors = lines("error");
        assertThat(errors).hasSize(16);
        for (String[] f : errors) {
            assertThat(Errno.describe(f[1])).as(f[1]).isEqualTo(f[2]);
        }
    }

    @Test
    void limitsAndHeaderLayout() {
        assertThat(XsLimits.PAYLOAD_MAX).isEqualTo(Integer.parseInt(value("payload_max")));
        assertThat(XsLimits.ABS_PATH_MAX).isEqualTo(Integer.parseInt(value("abs_path_max")));
        assertThat(XsLimits.REL_PATH_MAX).isEqualTo(Integer.parseInt(value("rel_path_max")));
        assertThat(XsMessage.HEADER_SIZE).isEqualTo(Integer.parseInt(value("header_size")));

        ByteBuffer buf = ByteBuffer.allocate(16);
        new XsMessage(XsType.READ.code(), 0x01020304, 7, new byte[0]).encode(buf);
        buf.putInt(12, 5); // the C struct claims a 5-byte payload
        String cBytes = lines("header_bytes").get(0)[1] + " " + lines("header_bytes").get(0)[2];
        assertThat(HexFormat.ofDelimiter(" ").formatHex(buf.array())).isEqualTo(cBytes);
    }

    @Test
    void permissionStringsParseAsLibxenstoreParsesThem() {
        String[] inputs = {"n0", "r5", "w9", "b7", "b32752", "r65535", "x5", "n", "rX", "n0x", "", "R5"};
        List<String> c = NativeHelpers.run(Map.of(), concat(probe.toString(), "perms", inputs));
        assertThat(c).hasSize(inputs.length);
        for (String line : c) {
            String[] f = line.split("\\|", -1); // perm|<input>|ok|<id>|<bits> or perm|<input>|bad
            String input = f[1];
            if (f[2].equals("ok")) {
                Permission p = Permission.parse(input);
                int bits = Integer.parseInt(f[4]);
                assertThat(p.domid()).as(input).isEqualTo(Integer.parseInt(f[3]));
                assertThat(p.access().canRead()).as(input).isEqualTo((bits & 1) != 0);
                assertThat(p.access().canWrite()).as(input).isEqualTo((bits & 2) != 0);
                assertThat(p.wire()).isEqualTo(input);
            } else {
                assertThatThrownBy(() -> Permission.parse(input)).as(input)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
        // Deliberately stricter: libxenstore wraps r65536 and r-1 into odd domids; we refuse.
        assertThatThrownBy(() -> Permission.parse("r65536")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Permission.parse("r-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void socketPathFromTheEnvironmentAsLibxenstorePicksIt() {
        List<Map<String, String>> envs = List.of(
                Map.of("XENSTORED_PATH", "/x/socket"),
                Map.of("XENSTORED_RUNDIR", "/y"),
                Map.of("XENSTORED_PATH", "/x/s", "XENSTORED_RUNDIR", "/y"));
        for (Map<String, String> env : envs) {
            String c = NativeHelpers.run(env, probe.toString(), "socket").get(0);
            assertThat(XenstoreClient.defaultSocketPath(env)).as(env.toString()).isEqualTo(Path.of(c));
        }
        // Without either variable libxenstore says /var/run/xenstored/socket; /var/run
        // is /run on Debian, and we name the canonical path.
        String c = NativeHelpers.run(Map.of(), probe.toString(), "socket").get(0);
        assertThat(c).isEqualTo("/var/run/xenstored/socket");
        assertThat(XenstoreClient.defaultSocketPath(Map.of())).isEqualTo(Path.of("/run/xenstored/socket"));
    }

    private static String[] concat(String a, String b, String[] rest) {
        String[] out = new String[rest.length + 2];
        out[0] = a;
        out[1] = b;
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }
}
