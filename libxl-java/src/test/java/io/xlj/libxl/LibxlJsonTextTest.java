package io.xlj.libxl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xlj.config.json.YajlWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The JSON tree that {@code xl list -l} rewrites is printed back exactly as libxl printed
 * it: the userdata file stock xl/libxl 4.17 wrote in the lab, read and written again, is
 * the same text.
 */
class LibxlJsonTextTest {

    private static String stockUserdata() throws Exception {
        try (InputStream in = LibxlJsonTextTest.class.getResourceAsStream("stock-userdata-pv-minimal.libxl-json")) {
            byte[] b = in.readAllBytes();
            return new String(b, 0, b.length - 1, StandardCharsets.ISO_8859_1); // without libxl's NUL
        }
    }

    @Test
    void libxlsOwnTextSurvivesTheTree() throws Exception {
        String stock = stockUserdata();
        JsonNode tree = new ObjectMapper().readTree(stock);
        YajlWriter w = new YajlWriter();
        LibxlJsonText.write(w, tree);
        assertThat(w.toString()).isEqualTo(stock);
    }

    @Test
    void aFieldLibxlAddsGoesWhereItsIdlPutsIt() throws Exception {
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(stockUserdata());
        ObjectNode bInfo = (ObjectNode) tree.get("b_info");
        DomainConfigRetriever.put(bInfo, "max_vcpus", JsonNodeFactory.instance.numberNode(2),
                DomainConfigRetriever.B_INFO_ORDER);
        DomainConfigRetriever.put(bInfo, "bootloader", JsonNodeFactory.instance.textNode("pygrub"),
                DomainConfigRetriever.B_INFO_ORDER);
        DomainConfigRetriever.put(bInfo, "video_memkb", null, DomainConfigRetriever.B_INFO_ORDER);
        assertThat(bInfo.fieldNames()).toIterable().containsExactly("max_vcpus", "max_memkb", "target_memkb",
                "sched_params", "claim_mode", "kernel", "cmdline", "ramdisk", "bootloader", "type.pv", "arch_arm",
                "arch_x86");
    }
}
