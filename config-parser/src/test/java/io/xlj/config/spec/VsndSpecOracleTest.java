package io.xlj.config.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.config.ConfigValue;
import io.xlj.config.XlConfig;
import io.xlj.config.json.YajlWriter;
import io.xlj.config.model.DeviceVsnd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code vsnd=} through the real xl 4.17 ({@code xl -N create}) and through
 * {@link VsndSpecParser}, one card per item as parse_vsnd_config loops: the messages, the
 * exit code and the {@code vsnds} member must agree.
 */
class VsndSpecOracleTest {

    @TempDir
    static Path dir;

    static Stream<String> cases() {
        return SpecCase.lines("vsnd-cases.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithXl(String value) throws IOException {
        String text = "name=\"g\"\nmemory=128\nkernel=\"/boot/vmlinuz\"\nvsnd=" + value + "\n";
        OracleConfig oc = OracleConfig.of(dir, "vsnd", text);
        Path f = oc.file();
        OracleXl.Run xl = oc.xl();
        XlConfig cfg = oc.cfg();
        StringBuilder err = oc.messages();
        List<DeviceVsnd> cards = new ArrayList<>();
        int rc = 0;
        try {
            for (ConfigValue card : cfg.getList("vsnd", true).value().items()) {
                cards.add(VsndSpecParser.card(f.toString(), card, cards.size(), err::append));
            }
        } catch (SpecException e) {
            rc = e.exitCode();
        }
        assertThat(err.toString()).as("messages").isEqualTo(xl.stderr());
        assertThat(rc).as("exit code").isEqualTo(xl.rc());
        if (rc != 0) {
            return;
        }
        int start = xl.stdout().indexOf("\n    \"vsnds\": [\n");
        if (cards.isEmpty()) {
            assertThat(start).isNegative();
            return;
        }
        YajlWriter w = new YajlWriter();
        w.beginObject().key("vsnds").beginArray();
        for (DeviceVsnd c : cards) {
            c.writeJson(w);
        }
        w.endArray().endObject();
        String s = w.toString();
        String ours = s.substring(2, s.length() - 3);
        String want = xl.stdout().substring(start + 1, xl.stdout().indexOf("\n    ]", start + 1) + 6);
        assertThat(ours).isEqualTo(want);
    }
}
