package io.xlj.libxl.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which domain an {@code xl create -F} command line monitors, read as xl's main_create reads it. */
class ForegroundCreateTest {

    @TempDir
    Path cwd;

    @BeforeEach
    void config() throws Exception {
        Files.writeString(cwd.resolve("web.cfg"), "name = \"web\"\nmemory = 128\n");
    }

    private Object name(String... argv) {
        return ForegroundCreate.domainName(List.of(argv), cwd).orElse(null);
    }

    @Test
    void theConfigFileAndItsOverridesNameTheDomain() {
        assertThat(name("xl", "create", "-F", "web.cfg")).isEqualTo("web");
        assertThat(name("/usr/sbin/xl", "-v", "create", "web.cfg", "-F")).isEqualTo("web");
        assertThat(name("xl", "create", "-qF", "web.cfg", "name=\"web2\"")).isEqualTo("web2");
        assertThat(name("xl", "create", "-F", "-f", "web.cfg")).isEqualTo("web");
        assertThat(name("xl", "create", "-Ffweb.cfg")).isEqualTo("web");
        assertThat(name("xl", "create", "--defconfig=" + cwd.resolve("web.cfg"), "-F")).isEqualTo("web");
        assertThat(name("xl", "create", "-F", "/dev/null", "name=\"bare\"")).isEqualTo("bare");
    }

    @Test
    void otherCommandLinesMonitorNothingInTheForeground() {
        assertThat(name("xl", "create", "web.cfg")).as("daemonised monitor").isNull();
        assertThat(name("xl", "create", "-F", "-e", "web.cfg")).as("-e: no monitor").isNull();
        assertThat(name("xl", "create", "-eF", "web.cfg")).isNull();
        assertThat(name("xl", "list", "-F")).isNull();
        assertThat(name("xl", "create", "-F", "missing.cfg")).isNull();
        assertThat(name("xl", "create", "-F")).isNull();
        assertThat(name("xl")).isNull();
    }
}
