package io.xlj.config.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.config.ConfigValue;
import io.xlj.config.XlConfig;
import io.xlj.config.json.YajlWriter;
import io.xlj.config.model.VnodeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code vnuma=} through the real xl 4.17 ({@code xl -N create} of a small HVM guest) and
 * through {@link VnumaSpecParser}: the messages, the exit code and b_info's
 * {@code vnuma_nodes} must agree. The guest has {@code vcpus} unset, so max_vcpus is the
 * one from {@code maxvcpus=} (or 0), as parse_vnuma_config sees it.
 */
class VnumaSpecOracleTest {

    @TempDir
    static Path dir;

    static Stream<String> cases() throws IOException {
        try (InputStream in = VnumaSpecOracleTest.class.getResourceAsStream("vnuma-cases.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines()
                    .filter(l -> l.startsWith("- ")).map(l -> l.substring(2)).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithXl(String line) throws IOException {
        String[] parts = line.split(" ;; ");
        String extra = parts.length > 1 ? parts[1] + "\n" : "";
        String text = "name=\"g\"\ntype=\"hvm\"\nmemory=128\n" + extra + "vnuma=" + parts[0] + "\n";
        OracleConfig oc = OracleConfig.of(dir, "vnuma", text);
        Path f = oc.file();
        OracleXl.Run xl = oc.xl();
        XlConfig cfg = oc.cfg();
        ConfigValue.ListValue vnuma = cfg.getList("vnuma", true).value();
        long maxVcpus = cfg.getLong("maxvcpus", true).ok() ? cfg.getLong("maxvcpus", true).value() : 0;
        long maxMemkb = cfg.getLong("maxmem", true).ok() ? cfg.getLong("maxmem", true).value() * 1024
                : VnumaSpecParser.MEMKB_DEFAULT;
        StringBuilder err = oc.messages();
        int rc = 0;
        String section = null;
        try {
            VnumaSpecParser.Result r = VnumaSpecParser.parse(f.toString(), vnuma.items(),
                    new VnumaSpecParser.Context(maxVcpus, maxMemkb, 1, 4, 4), err::append);
            YajlWriter w = new YajlWriter();
            w.beginObject().key("b").beginObject().key("vnuma_nodes").beginArray();
            for (VnodeInfo v : r.nodes()) {
                v.writeJson(w);
            }
            w.endArray().endObject().endObject();
            String s = w.toString();
            section = s.substring(s.indexOf("        \"vnuma_nodes\""), s.indexOf("\n        ]") + 10);
        } catch (SpecException e) {
            rc = e.exitCode();
        }
        assertThat(err.toString()).as("messages").isEqualTo(xl.stderr());
        assertThat(rc).as("exit code").isEqualTo(xl.rc());
        if (rc == 0) {
            int start = xl.stdout().indexOf("        \"vnuma_nodes\"");
            String want = xl.stdout().substring(start, xl.stdout().indexOf("\n        ]", start) + 10);
            assertThat(section).isEqualTo(want);
        }
    }
}
