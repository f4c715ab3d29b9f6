package io.xlj.config.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.config.ConfigValue;
import io.xlj.config.XlConfig;
import io.xlj.config.json.YajlWriter;
import io.xlj.config.model.CpuidPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cpuid=} (string and list forms) through the real xl 4.17 ({@code xl -N create})
 * and through {@link CpuidSpecParser}, driven as parse_config_data does: the messages
 * and b_info's {@code cpuid} member must agree (absent when the policy is empty).
 */
class CpuidSpecOracleTest {

    @TempDir
    static Path dir;

    static Stream<String> cases() {
        return SpecCase.lines("cpuid-cases.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithXl(String value) throws IOException {
        String text = "name=\"g\"\nmemory=128\nkernel=\"/boot/vmlinuz\"\ncpuid=" + value + "\n";
        OracleConfig oc = OracleConfig.of(dir, "cpuid", text);
        Path f = oc.file();
        OracleXl.Run xl = oc.xl();
        XlConfig cfg = oc.cfg();
        StringBuilder err = oc.messages();
        CpuidSpecParser.Builder policy = new CpuidSpecParser.Builder();
        var list = cfg.getList("cpuid", true);
        if (list.ok()) {
            for (ConfigValue item : list.value().items()) {
                if (!(item instanceof ConfigValue.StringValue s)) {
                    break;
                }
                CpuidSpecParser.parseListItem(policy, s.text(), err::append);
            }
        } else {
            CpuidSpecParser.parseString(policy, cfg.getString("cpuid", true).value(), err::append);
        }
        assertThat(err.toString()).as("messages").isEqualTo(xl.stderr());
        assertThat(xl.rc()).isZero();
        CpuidPolicy p = policy.build();
        int start = xl.stdout().indexOf("\n        \"cpuid\": {\n");
        if (p.isEmpty()) {
            assertThat(start).as("no cpuid member").isNegative();
            return;
        }
        YajlWriter w = new YajlWriter();
        w.beginObject().key("b").beginObject().key("cpuid");
        p.writeJson(w);
        w.endObject().endObject();
        String s = w.toString();
        String ours = s.substring(s.indexOf("        \"cpuid\""), s.indexOf("\n        }") + 10);
        String want = xl.stdout().substring(start + 1, xl.stdout().indexOf("\n        }", start + 1) + 10);
        assertThat(ours).isEqualTo(want);
    }
}
