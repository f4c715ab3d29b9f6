package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * /etc/xen/xl.conf handling against the real xl: the real xl reads only that
 * path, so each case is bind-mounted over it in a private mount namespace
 * (unshare -m, needs root); ours reads the same bytes via xlj.globalConfig.
 */
class GlobalConfigOracleTest {

    private static final Path WORK = OracleXl.MODULE.resolve("target/xlconf-work");

    @BeforeAll
    static void canBindMount() throws IOException {
        Files.createDirectories(WORK);
        OracleXl.Run r = OracleXl.process(List.of("unshare", "-m", "sh", "-c",
                "mount --bind /dev/null /etc/xen/xl.conf"));
        assumeTrue(r.rc() == 0, "needs root to bind-mount over /etc/xen/xl.conf: " + r.err());
    }

    static List<String> confs() {
        return List.of(
                "",
                "# the Debian default\n#autoballoon=\"auto\"\n",
                "autoballoon=\"maybe\"\n",
                "autoballoon=\"off\"\nautoballoon=\"on\"\n",
                "vifscript=\"x\"\nvif.default.script=\"y\"\ndefaultbridge=\"br\"\n",
                "run_hotplug_scripts=[1]\nclaim_mode=\"yes\"\nlockfile=2\n",
                "output_format=\"xml\"\n",
                "output_format=\"sxp\"\n",
                "domid_policy=\"odd\"\n",
                "domid_policy=\"random\"\nblkdev_start=\"xvdb\"\n",
                "max_grant_frames=64\nmax_maptrack_frames=1024\nmax_grant_version=1\n",
                "max_grant_frames=\"64x\"\n",
                "max_maptrack_frames=2147483648\n",
                "max_grant_version=[1]\n",
                "remus.default.netbufscript=[]\ncolo.default.proxyscript=1\n",
                "vm.cpumask=\"0-3\"\nvm.pv.cpumask=[1]\n",
                "a=@\n",
                "max_grant_frames=-1\n",
                "run_hotplug_scripts=1\nrun_hotplug_scripts+=2\n");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("confs")
    void sameMessagesAndStatus(String conf) throws IOException {
        Path file = WORK.resolve("xl-" + Integer.toHexString(conf.hashCode()) + ".conf");
        Files.write(file, conf.getBytes(StandardCharsets.ISO_8859_1));
        OracleXl.Run real = OracleXl.process(List.of("unshare", "-m", "sh", "-c",
                "mount --bind \"$1\" /etc/xen/xl.conf && exec \"$2\" help li", "sh",
                file.toString(), OracleXl.XL.toString()));
        String old = System.getProperty(Xl.GLOBAL_CONFIG_PROPERTY);
        System.setProperty(Xl.GLOBAL_CONFIG_PROPERTY, file.toString());
        try {
            assertThat(OracleXl.ours(Map.of(), "help", "li")).isEqualTo(real);
        } finally {
            if (old == null) System.clearProperty(Xl.GLOBAL_CONFIG_PROPERTY);
            else System.setProperty(Xl.GLOBAL_CONFIG_PROPERTY, old);
        }
    }
}
