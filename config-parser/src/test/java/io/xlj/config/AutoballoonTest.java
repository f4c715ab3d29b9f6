package io.xlj.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GlobalConfig.autoAutoballoon against glibc's regexec on xl's dom0_mem pattern (src/test/c/dom0mem.c). */
class AutoballoonTest {

    @Test
    void sameAsGlibcRegex() throws IOException {
        List<String> lines = List.of("", "console=vga", "dom0_mem=1024M", "dom0_mem=1024M dom0_max_vcpus=2",
                "placeholder dom0_mem=2G,max:4G", "dom0_mem=min:512M,max:2G,1G", "xdom0_mem=1G", "dom0_mem=",
                "dom0_mem=10%", "dom0_mem=1G+10%", "dom0_mem=100%", "dom0_mem=-512M", "dom0_mem=1X",
                "a  dom0_mem=1G  b", "dom0_mem=1G,", "dom0_mem=max:", "dom0_mem=1t,2b,3k", "DOM0_MEM=1G",
                "dom0_mem=1G\tx", "dom0_mem=0x10");
        Path bin = Oracle.MODULE.resolve("target/dom0mem");
        Oracle.Run cc = Oracle.run(List.of("gcc", "-O1", "-Wall", "-Werror", "-o", bin.toString(),
                Oracle.MODULE.resolve("src/test/c/dom0mem.c").toString()), Oracle.MODULE);
        assertThat(cc.rc()).as(cc.err()).isZero();
        Path input = Oracle.file("dom0mem.txt", String.join("\n", lines).concat("\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Oracle.Run real = Oracle.run(List.of("sh", "-c", "\"$0\" < \"$1\"", bin.toString(), input.toString()),
                Oracle.MODULE);
        List<String> ours = new ArrayList<>();
        for (String l : lines) ours.add(GlobalConfig.autoAutoballoon(l) ? "1" : "0");
        assertThat(ours).isEqualTo(List.of(real.out().split("\n")));
        assertThat(Files.exists(bin)).isTrue();
    }
}
