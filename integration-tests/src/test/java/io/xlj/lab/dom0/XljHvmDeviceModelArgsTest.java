package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.xlj.config.GlobalConfig;
import io.xlj.config.model.DomainConfig;
import io.xlj.config.xlparse.HostInfo;
import io.xlj.config.xlparse.XlParse;
import io.xlj.libxl.DeviceModelArgs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 in the lab, device model part: for the lab's HVM sample config, the qemu-xen
 * command line xlj builds is the one stock xl 4.17 starts (read from /proc/PID/cmdline of
 * the QEMU serving the paused guest), but for the QMP socket's fd number, which is taken
 * from stock xl's.
 */
@Tag("dom0")
@Tag("xlj-pvh")
class XljHvmDeviceModelArgsTest {

    private static final Path CFG = Path.of("/usr/share/xlj-lab/cfg/hvm-guest.cfg");
    private static final String NAME = "xlj-hvm-guest";

    @Test
    void xljBuildsTheQemuCommandLineStockXlRuns() throws IOException {
        assumeTrue(Files.isRegularFile(CFG), "no " + CFG);
        assumeTrue(Files.isExecutable(Path.of(DeviceModelArgs.QEMU_XEN_PATH)), "no qemu-system-xen");
        try {
            XljPvLifecycleTest.stock("create", "-p", CFG.toString()).assertSuccess();
            int domid = Integer.parseInt(XljPvLifecycleTest.stock("domid", NAME).assertSuccess().stdout().trim());
            List<String> theirs = qemuArgsOf(domid);
            System.err.println("[hvm] stock xl's device model: " + String.join(" ", theirs));

            DomainConfig config = new XlParse(GlobalConfig.defaults(), HostInfo.current(), System.err)
                    .parse(CFG.toString(), Files.readString(CFG, StandardCharsets.ISO_8859_1));
            Matcher fd = Pattern.compile("socket,id=libxl-cmd,fd=(\\d+),").matcher(String.join(" ", theirs));
            List<String> ours = DeviceModelArgs.of(config, domid, fd.find() ? Integer.parseInt(fd.group(1)) : -1);
            System.err.println("[hvm] xlj's device model:       " + String.join(" ", ours));
            assertThat(ours).containsExactlyElementsOf(theirs);
        } finally {
            if (TestGuest.stockXlListNames().contains(NAME)) {
                Exec.run(Duration.ofSeconds(120), TestGuest.STOCK_XL, "destroy", NAME);
            }
        }
    }

    /** argv of the QEMU whose command line holds "-xen-domid DOMID". */
    static List<String> qemuArgsOf(int domid) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                byte[] raw;
                try {
                    raw = Files.readAllBytes(p.resolve("cmdline"));
                } catch (IOException gone) {
                    continue;
                }
                if (raw.length == 0) {
                    continue;
                }
                List<String> argv = Arrays.asList(new String(raw, 0, raw.length - 1, StandardCharsets.UTF_8).split("\0", -1));
                int i = argv.indexOf("-xen-domid");
                if (i >= 0 && i + 1 < argv.size() && argv.get(i + 1).equals(Integer.toString(domid))) {
                    return argv;
                }
            }
        }
        throw new AssertionError("no QEMU with -xen-domid " + domid + " runs");
    }
}
