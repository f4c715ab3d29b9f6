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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9 in the lab, device model part: for the lab's HVM sample config, the qemu-xen
 * command line xlj builds is the one stock xl 4.17 starts (read from /proc/PID/cmdline of
 * the QEMU serving the paused guest), but for the QMP socket's fd number, which is taken
 * from stock xl's; likewise with emulated disks, cdroms, nics, USB, VGA and channels added.
 */
@Tag("dom0")
@Tag("xlj-pvh")
class XljHvmDeviceModelArgsTest {

    private static final Path CFG = Path.of("/usr/share/xlj-lab/cfg/hvm-guest.cfg");
    private static final String NAME = "xlj-hvm-guest";

    @Test
    void xljBuildsTheQemuCommandLineStockXlRuns() throws IOException {
        assumeTrue(Files.isRegularFile(CFG), "no " + CFG);
        compare(CFG);
    }

    /**
     * Emulated disks of every kind libxl knows (IDE from xvda and hdb, an IDE cdrom with an
     * image, SCSI from sda, an empty cdrom, AHCI), emulated nics with their models beside a
     * PV-only one, USB (a tablet, then usbversion's controllers), the standard VGA, VNC on a
     * given display, XenServer's vendor device and two channels (a socket and a pty).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ide-scsi-cdrom-nics-usb", "ahci-emptycd-usb3"})
    void withDevicesTooXljBuildsTheCommandLineStockXlRuns(String kind) throws IOException {
        assumeTrue(Files.isRegularFile(CFG), "no " + CFG);
        Path dir = Files.createTempDirectory("xlj-hvm-args");
        List<String> extra = new java.util.ArrayList<>();
        if (kind.startsWith("ide")) {
            extra.add("disk = [ \"format=raw,vdev=xvda,access=rw,target=" + image(dir, "a.img") + "\", "
                    + "\"format=raw,vdev=hdb,access=rw,target=" + image(dir, "b.img") + "\", "
                    + "\"format=raw,vdev=hdc,access=ro,devtype=cdrom,target=" + image(dir, "cd.iso") + "\", "
                    + "\"format=raw,vdev=sda,access=rw,target=" + image(dir, "s.img") + "\" ]");
            extra.add("vif = [ \"mac=00:16:3e:5c:00:01,bridge=xenbr0\", "
                    + "\"mac=00:16:3e:5c:00:02,bridge=xenbr0,model=e1000\", "
                    + "\"mac=00:16:3e:5c:00:03,bridge=xenbr0,type=vif\" ]");
            extra.add("usb = 1");
            extra.add("usbdevice = \"tablet\"");
            extra.add("vga = \"stdvga\"");
            extra.add("boot = \"dc\"");
        } else {
            extra.add("hdtype = \"ahci\"");
            extra.add("disk = [ \"format=raw,vdev=xvda,access=rw,target=" + image(dir, "a.img") + "\", "
                    + "\"vdev=hdd,devtype=cdrom,access=ro,format=empty,target=\" ]");
            extra.add("usbversion = 3");
            extra.add("vnc = 1");
            extra.add("vnclisten = \"127.0.0.1\"");
            extra.add("vncdisplay = 7");
            extra.add("vendor_device = \"xenserver\"");
            extra.add("channel = [ \"name=org.xlj.sock,connection=socket,path=/run/xlj-args-channel.sock\", "
                    + "\"name=org.xlj.pty,connection=pty\" ]");
        }
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(CFG));
        lines.addAll(extra);
        Path cfg = dir.resolve("hvm-devices.cfg");
        Files.write(cfg, lines);
        compare(cfg);
    }

    /**
     * SPICE: a server without ticketing with the agent, clipboard sharing, USB redirection
     * (which brings USB 2 controllers), image compression and video streaming on QXL; and one
     * with a password on a TLS port and address. Stock xl's arguments are read from its debug
     * log (xl -vvv), as Debian's QEMU may lack the SPICE module and exit.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"agent-usbredir-qxl", "password-tls"})
    void withSpiceXljBuildsTheCommandLineStockXlRuns(String kind) throws IOException {
        assumeTrue(Files.isRegularFile(CFG), "no " + CFG);
        assumeTrue(Files.isExecutable(Path.of(DeviceModelArgs.QEMU_XEN_PATH)), "no qemu-system-xen");
        List<String> extra = kind.startsWith("agent")
                ? List.of("spice = 1", "spiceport = 6000", "spicedisable_ticketing = 1", "spicevdagent = 1",
                        "spice_clipboard_sharing = 1", "spiceusbredirection = 2",
                        "spice_image_compression = \"auto_glz\"", "spice_streaming_video = \"filter\"",
                        "vga = \"qxl\"")
                : List.of("spice = 1", "spicetls_port = 6001", "spicehost = \"127.0.0.1\"",
                        "spicepasswd = \"xlj-secret\"", "spiceagent_mouse = 0");
        Path dir = Files.createTempDirectory("xlj-hvm-spice");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(CFG));
        lines.addAll(extra);
        Path cfg = dir.resolve("hvm-spice.cfg");
        Files.write(cfg, lines);
        String cfgText = Files.readString(cfg, StandardCharsets.ISO_8859_1);
        try {
            ExecResult created = XljPvLifecycleTest.stock("-vvv", "create", "-p", cfg.toString());
            List<String> theirs = loggedQemuArgs(created.stderr());
            System.err.println("[hvm] stock xl's device model (logged; create exit " + created.exitCode() + "): "
                    + String.join(" ", theirs));
            assertThat(theirs).contains("-spice");
            assertOursAreTheirs(cfg, cfgText, Integer.parseInt(theirs.get(theirs.indexOf("-xen-domid") + 1)), theirs);
        } finally {
            destroyStocksGuest();
        }
    }

    /** libxl__spawn_local_dm's debug lines: the device model, then "  ARG" per argument. */
    static List<String> loggedQemuArgs(String xlStderr) {
        List<String> argv = new java.util.ArrayList<>();
        boolean in = false;
        for (String line : xlStderr.split("\n")) {
            Matcher m = Pattern.compile("libxl__spawn_local_dm: Domain \\d+:(.*)$").matcher(line);
            if (!m.find()) {
                in = false;
                continue;
            }
            String msg = m.group(1);
            if (msg.startsWith("Spawning device-model ") && msg.endsWith(" with arguments:")) {
                in = true;
            } else if (in && msg.startsWith("  ")) {
                argv.add(msg.substring(2));
            } else {
                in = false;
            }
        }
        return argv;
    }

    private static Path image(Path dir, String name) throws IOException {
        return TestGuest.markedDisk(dir.resolve(name), name);
    }

    /** Stock xl creates the config paused; xlj's arguments for it must be its qemu's argv. */
    private static void compare(Path cfgPath) throws IOException {
        assumeTrue(Files.isExecutable(Path.of(DeviceModelArgs.QEMU_XEN_PATH)), "no qemu-system-xen");
        String cfgText = Files.readString(cfgPath, StandardCharsets.ISO_8859_1);
        System.err.println("[hvm] config " + cfgPath + ":\n" + cfgText);
        try {
            ExecResult created = XljPvLifecycleTest.stock("create", "-p", cfgPath.toString());
            System.err.println("[hvm] stock create -p: " + created.describe());
            created.assertSuccess();
            int domid = Integer.parseInt(XljPvLifecycleTest.stock("domid", NAME).assertSuccess().stdout().trim());
            List<String> theirs = qemuArgsOf(domid);
            System.err.println("[hvm] stock xl's device model: " + String.join(" ", theirs));
            assertOursAreTheirs(cfgPath, cfgText, domid, theirs);
        } finally {
            destroyStocksGuest();
        }
    }

    /** xlj's arguments for the config (with stock's QMP descriptor number, if any) are {@code theirs}. */
    private static void assertOursAreTheirs(Path cfgPath, String cfgText, int domid, List<String> theirs) {
        DomainConfig config = new XlParse(GlobalConfig.defaults(), HostInfo.current(), System.err)
                .parse(cfgPath.toString(), cfgText);
        Matcher fd = Pattern.compile("socket,id=libxl-cmd,fd=(\\d+),").matcher(String.join(" ", theirs));
        List<String> ours = DeviceModelArgs.of(config, domid, fd.find() ? Integer.parseInt(fd.group(1)) : -1);
        System.err.println("[hvm] xlj's device model:   " + String.join(" ", ours));
        assertThat(ours).containsExactlyElementsOf(theirs);
    }

    private static void destroyStocksGuest() {
        if (TestGuest.stockXlListNames().contains(NAME)) {
            Exec.run(Duration.ofSeconds(120), TestGuest.STOCK_XL, "destroy", NAME);
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
