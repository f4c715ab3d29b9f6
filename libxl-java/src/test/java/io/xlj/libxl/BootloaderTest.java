package io.xlj.libxl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.xlj.config.model.DeviceDisk;
import io.xlj.config.model.DiskBackend;
import io.xlj.config.model.DiskFormat;
import io.xlj.config.model.DomainBuildInfo;
import io.xlj.libxl.device.Dom0DiskSide;
import io.xlj.libxl.device.LocalDiskAttach;
import io.xlj.xenstore.XenstoreClient;
import io.xlj.xenstore.XenstoredDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootloader step with real processes on the host: small shell scripts standing in for a
 * bootloader (what they are given, what they answer, how they fail) and, where Debian's Xen
 * tools are installed, the real pygrub on an ext4 image made with mkfs.ext4 -d. The
 * directories are temporary ones in place of /var/lib/xen and /var/log/xen.
 */
class BootloaderTest {

    private static final int DOMID = 7;
    private static final Path PYGRUB = Path.of("/usr/lib/xen-4.17/bin/pygrub");

    @TempDir
    Path tmp;
    private Path lib;
    private Path log;
    private Path bin;
    private final List<String> steps = new ArrayList<>();

    @BeforeEach
    void dirs() throws IOException {
        lib = Files.createDirectories(tmp.resolve("lib"));
        log = Files.createDirectories(tmp.resolve("log"));
        bin = Files.createDirectories(tmp.resolve("bin"));
    }

    private Bootloader bootloader(Map<String, String> env) {
        return new Bootloader(lib, log, bin, env, null, steps::add);
    }

    private static DomainBuildInfo info(String bootloader, String cmdline, List<String> args) {
        DomainBuildInfo.Builder b = new DomainBuildInfo.Builder();
        b.bootloader = bootloader;
        b.cmdline = cmdline;
        b.bootloaderArgs = args;
        return b.build();
    }

    private static DeviceDisk raw(Path image) {
        DeviceDisk.Builder d = DeviceDisk.builder();
        d.pdevPath = image.toString();
        d.vdev = "xvda";
        d.format = DiskFormat.RAW;
        d.readwrite = 1;
        return d.build();
    }

    /** A bash script as the bootloader; $out and $dir hold libxl's --output= and --output-directory=. */
    private Path script(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/bash\n"
                + "for a; do case \"$a\" in --output=*) out=${a#--output=};; --output-directory=*) dir=${a#--output-directory=};; esac; done\n"
                + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private Path disk() throws IOException {
        return Files.writeString(tmp.resolve("disk.img"), "not really a disk");
    }

    private static String text(io.xlj.xen.MappedFile m) {
        return new String(m.data().getByteArray(0, (int) m.size()), StandardCharsets.ISO_8859_1);
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(lib)) {
            return s.toList();
        }
    }

    private String logText() throws IOException {
        return Files.readString(log.resolve("bootloader.7.log"));
    }

    private static LibxlError libxlError(Throwable t) {
        assertThat(t).isInstanceOf(ToolstackException.class);
        assertThat(t.getCause()).isInstanceOf(LibxlError.class);
        return (LibxlError) t.getCause();
    }

    @Test
    void withoutABootloaderTheConfigsKernelIsBooted() {
        DomainBuildInfo.Builder b = new DomainBuildInfo.Builder();
        b.kernel = "/boot/vmlinuz";
        b.ramdisk = "/boot/initrd";
        b.cmdline = "ro";
        try (PvImage image = bootloader(Map.of()).run(b.build(), List.of(), DOMID)) {
            assertThat(image).isEqualTo(PvImage.direct("/boot/vmlinuz", "/boot/initrd", "ro"));
        }
        assertThat(steps).isEmpty();
    }

    @Test
    void theChosenKernelRamdiskAndArgsAreMappedAndNothingIsLeftOnDisk() throws IOException {
        Path disk = disk();
        script("loader", "echo \"TERM=$TERM argv: $*\"; echo to-stderr >&2\n"
                + "printf KERNEL-BYTES > \"$dir/boot_kernel.x\"; printf RAMDISK > \"$dir/boot_ramdisk.y\"\n"
                + "printf 'kernel %s\\0ramdisk %s\\0args %s\\0\\0' \"$dir/boot_kernel.x\" \"$dir/boot_ramdisk.y\""
                + " 'console=hvc0 extra' > \"$out\"");
        Files.writeString(log.resolve("bootloader.7.log"), "an older run\n");

        try (PvImage image = bootloader(Map.of()).run(info("loader", "extra", List.of("--entry=0")),
                List.of(raw(disk)), DOMID)) {
            Path dir = lib.resolve("bootloader.7.d");
            assertThat(image.kernelPath()).isEqualTo(dir + "/boot_kernel.x");
            assertThat(image.ramdiskPath()).isEqualTo(dir + "/boot_ramdisk.y");
            assertThat(image.cmdline()).isEqualTo("console=hvc0 extra");
            assertThat(text(image.kernel())).isEqualTo("KERNEL-BYTES");
            assertThat(text(image.ramdisk())).isEqualTo("RAMDISK");
            // Deleted while mapped, the directory and output file removed.
            assertThat(leftovers()).isEmpty();
        }
        assertThat(steps).containsExactly("bootloader", "bootloader output");
        // The bare name came from the "private bin dir"; the terminal output went to the new log.
        assertThat(logText()).isEqualTo("TERM=vt100 argv: --args=extra --output=" + lib + "/bootloader.7.out"
                + " --output-format=simple0 --output-directory=" + lib + "/bootloader.7.d --entry=0 " + disk
                + "\nto-stderr\n");
        assertThat(Files.readString(log.resolve("bootloader.7.log.1"))).isEqualTo("an older run\n");
    }

    @Test
    void aFailingBootloaderFailsTheStepInLibxlsWordsAndLeavesNothing() throws IOException {
        script("loader", "touch \"$dir/boot_kernel.partial\"; echo 'Unable to find partition containing kernel'; exit 1");
        Throwable t = catchFailure(() -> bootloader(Map.of()).run(info("loader", null, List.of()), List.of(raw(disk())), DOMID));
        LibxlError e = libxlError(t);
        assertThat(((ToolstackException) t).step()).isEqualTo("bootloader");
        assertThat(e.rc()).isEqualTo(LibxlError.ERROR_FAIL);
        assertThat(e.logLines()).hasSize(2);
        assertThat(e.logLines().get(0)).isEqualTo("libxl: error: libxl_bootloader.c:767:bootloader_finished: Domain 7:"
                + "bootloader failed - consult logfile " + log + "/bootloader.7.log");
        assertThat(e.logLines().get(1)).matches("libxl: error: libxl_exec.c:117:libxl_report_child_exitstatus: "
                + "bootloader \\[\\d+\\] exited with error status 1");
        assertThat(logText()).contains("Unable to find partition containing kernel");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aBootloaderKilledByASignalIsReportedAsLibxlReportsIt() throws IOException {
        script("loader", "kill -KILL $$");
        Throwable t = catchFailure(() -> bootloader(Map.of()).run(info("loader", null, List.of()), List.of(raw(disk())), DOMID));
        assertThat(libxlError(t).logLines().get(1)).matches("libxl: error: libxl_exec.c:127:"
                + "libxl_report_child_exitstatus: bootloader \\[\\d+\\] died due to fatal signal Killed");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBootloaderThatHangsIsKilledAfterTheTimeout() throws IOException {
        script("loader", "touch \"$dir/boot_kernel.partial\"; exec sleep 60");
        long t0 = System.nanoTime();
        Throwable t = catchFailure(() -> bootloader(Map.of("LIBXL_BOOTLOADER_TIMEOUT", "1"))
                .run(info("loader", null, List.of()), List.of(raw(disk())), DOMID));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        LibxlError e = libxlError(t);
        assertThat(e.rc()).isEqualTo(LibxlError.ERROR_TIMEDOUT);
        assertThat(e.logLines()).containsExactly("libxl: error: libxl_bootloader.c:738:bootloader_timeout: Domain 7:"
                + "killing bootloader because of timeout");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void theTimeoutIsReadAsAtoiReadsIt() {
        assertThat(Bootloader.timeout(null)).isEqualTo(Duration.ofSeconds(120));
        assertThat(Bootloader.timeout("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Bootloader.timeout("0")).isEqualTo(Duration.ZERO);
        assertThat(Bootloader.timeout("soon")).isEqualTo(Duration.ZERO);
    }

    @Test
    void noDiskNoBootloader() throws IOException {
        Throwable t = catchFailure(() -> bootloader(Map.of()).run(info("loader", null, List.of()), List.of(), DOMID));
        assertThat(libxlError(t).logLines()).containsExactly("libxl: error: libxl_bootloader.c:427:"
                + "libxl__bootloader_run: Domain 7:cannot run bootloader with no boot disk");
        // libxl checks the disk before it opens the log.
        assertThat(Files.exists(log.resolve("bootloader.7.log"))).isFalse();
        assertThat(leftovers()).isEmpty();
    }

    private static DeviceDisk qcow2(Path image) {
        DeviceDisk.Builder q = raw(image).toBuilder();
        q.format = DiskFormat.QCOW2;
        q.backend = DiskBackend.QDISK;
        return q.build();
    }

    /** A disk dom0 cannot read in place is read through a vbd of dom0, which goes once the bootloader is done. */
    @Test
    void aQcow2DiskIsReadThroughDom0sFirstFreeXvdAndDetachedAfter() throws Exception {
        Path argv = tmp.resolve("argv");
        script("loader", "echo \"$@\" > " + argv + "\n"
                + "printf K > \"$dir/boot_kernel.x\"; printf 'kernel %s\\0\\0' \"$dir/boot_kernel.x\" > \"$out\"");
        try (XenstoredDaemon xenstored = XenstoredDaemon.startC(); XenstoreClient xs = xenstored.connect();
             Dom0DiskSide dom0 = new Dom0DiskSide(xs, be -> false)) {
            Bootloader b = new Bootloader(lib, log, bin, Map.of(), new LocalDiskAttach(xs, () -> null), steps::add);
            try (PvImage image = b.run(info("loader", null, List.of()), List.of(qcow2(disk())), DOMID)) {
                assertThat(text(image.kernel())).isEqualTo("K");
            }
            // pygrub's disk is its last argument.
            assertThat(Files.readString(argv).trim()).endsWith(" /dev/xvda");
            assertThat(dom0.paramsSeen()).containsExactly(Map.entry("/local/domain/0/backend/qdisk/0/51712",
                    "qcow2:" + tmp.resolve("disk.img")));
            assertThat(xs.readOptional("/local/domain/0/backend/qdisk/0/51712")).isEmpty();
            assertThat(xs.readOptional("/local/domain/0/device/vbd/51712")).isEmpty();
            assertThat(xs.readOptional("/libxl/0/device/vbd/51712")).isEmpty();
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aBootDiskThatNeverConnectsFailsTheStepInLibxlsWordsAndTheProgramDoesNotRun() throws Exception {
        Path marker = tmp.resolve("ran");
        script("loader", "touch " + marker);
        try (XenstoredDaemon xenstored = XenstoredDaemon.startC(); XenstoreClient xs = xenstored.connect()) {
            Bootloader b = new Bootloader(lib, log, bin, Map.of(),
                    new LocalDiskAttach(xs, () -> null, Duration.ofMillis(300)), steps::add);
            Throwable t = catchFailure(() -> b.run(info("loader", null, List.of()), List.of(qcow2(disk())), DOMID));
            assertThat(libxlError(t).logLines()).containsExactly(
                    "libxl: error: libxl_device.c:1470:libxl__wait_for_backend: Backend "
                            + "/local/domain/0/backend/qdisk/0/51712 not ready",
                    "libxl: error: libxl_disk.c:1406:local_device_attach_cb: unable locally attach device: "
                            + tmp.resolve("disk.img"),
                    "libxl: error: libxl_bootloader.c:499:bootloader_disk_attached_cb: Domain 7:"
                            + "failed to attach local disk for bootloader execution");
            assertThat(xs.readOptional("/local/domain/0/backend/qdisk/0/51712")).isEmpty();
        }
        assertThat(Files.exists(marker)).isFalse();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void onlyARawDiskWithoutScriptOrDriverDomainIsReadInPlace() {
        DeviceDisk d = raw(Path.of("/srv/g.img"));
        assertThat(Bootloader.localPath(d)).isEqualTo("/srv/g.img");
        DeviceDisk.Builder s = d.toBuilder();
        s.script = "block";
        assertThat(Bootloader.localPath(s.build())).isNull();
        DeviceDisk.Builder dd = d.toBuilder();
        dd.backendDomname = "driver";
        assertThat(Bootloader.localPath(dd.build())).isNull();
    }

    @Test
    void aProgramThatCannotBeExecutedFailsTheStep() throws IOException {
        Throwable t = catchFailure(() -> bootloader(Map.of()).run(info(tmp + "/no-such-loader", null, List.of()),
                List.of(raw(disk())), DOMID));
        assertThat(libxlError(t).logLines()).containsExactly(
                "libxl: error: libxl_bootloader.c:767:bootloader_finished: Domain 7:bootloader failed - consult logfile "
                        + log + "/bootloader.7.log",
                "libxl: error: Domain 7:cannot execute " + tmp + "/no-such-loader: No such file or directory");
        assertThat(logText()).isEqualTo("libxl: cannot execute " + tmp + "/no-such-loader: No such file or directory\n");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aDeprivilegedBootloaderIsRefusedNotRunAsRoot() throws IOException {
        Path marker = tmp.resolve("ran");
        script("loader", "touch " + marker);
        Throwable t = catchFailure(() -> bootloader(Map.of("LIBXL_BOOTLOADER_RESTRICT", "1"))
                .run(info("loader", null, List.of()), List.of(raw(disk())), DOMID));
        assertThat(libxlError(t).rc()).isEqualTo(LibxlError.ERROR_INVAL);
        assertThat(Files.exists(marker)).isFalse();
    }

    @Test
    void aFaultInjectedAfterTheProgramRanStillRemovesWhatItExtracted() throws IOException {
        script("loader", "printf K > \"$dir/boot_kernel.x\"; printf 'kernel %s\\0\\0' \"$dir/boot_kernel.x\" > \"$out\"");
        Bootloader b = new Bootloader(lib, log, bin, Map.of(), null, step -> {
            steps.add(step);
            if (step.equals("bootloader output")) {
                throw new ToolstackException(step, DOMID, "fault injected at " + step);
            }
        });
        assertThatThrownBy(() -> b.run(info("loader", null, List.of()), List.of(raw(disk())), DOMID))
                .isInstanceOf(ToolstackException.class).hasMessage("fault injected at bootloader output");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anAnswerWithoutAKernelFailsTheStep() throws IOException {
        script("loader", "printf 'args x\\0\\0' > \"$out\"");
        Throwable t = catchFailure(() -> bootloader(Map.of()).run(info("loader", null, List.of()), List.of(raw(disk())), DOMID));
        assertThat(((ToolstackException) t).step()).isEqualTo("bootloader output");
        assertThat(libxlError(t).logLines()).containsExactly("libxl: error: Domain 7:the bootloader named no kernel");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFileThatCannotBeMappedIsStillDeletedAndLeftToTheBuilderByName() throws IOException {
        // An empty file cannot be mapped (EINVAL); libxl then hands the builder the deleted path.
        script("loader", "printf K > \"$dir/k\"; : > \"$dir/r\"; printf 'kernel %s\\0ramdisk %s\\0\\0' \"$dir/k\" \"$dir/r\" > \"$out\"");
        try (PvImage image = bootloader(Map.of()).run(info("loader", null, List.of()), List.of(raw(disk())), DOMID)) {
            assertThat(image.kernel()).isNotNull();
            assertThat(image.ramdisk()).isNull();
            assertThat(image.ramdiskPath()).endsWith("/r");
            assertThat(image.cmdline()).isNull();
            assertThat(leftovers()).isEmpty();
        }
    }

    // ---- Debian's real pygrub -------------------------------------------------------

    /** An ext4 image holding /boot/vmlinux, /boot/initrd.img and, unless null, /boot/grub/grub.cfg. */
    private Path ext4(String grubCfg, byte[] kernel, byte[] initrd) throws IOException, InterruptedException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("boot/grub"));
        Files.write(root.resolve("boot/vmlinux"), kernel);
        Files.write(root.resolve("boot/initrd.img"), initrd);
        if (grubCfg != null) {
            Files.writeString(root.resolve("boot/grub/grub.cfg"), grubCfg);
        }
        Path image = tmp.resolve("guest.ext4");
        Process p = new ProcessBuilder("mkfs.ext4", "-q", "-F", "-d", root.toString(), image.toString(), "16M")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return image;
    }

    private static void assumePygrub() {
        assumeTrue(Files.isExecutable(PYGRUB), "no pygrub (xen-utils-4.17)");
        boolean mkfs = Stream.of("/sbin/mkfs.ext4", "/usr/sbin/mkfs.ext4").anyMatch(p -> Files.isExecutable(Path.of(p)));
        assumeTrue(mkfs, "no mkfs.ext4");
    }

    static final String GRUB_CFG = "set default=0\nset timeout=5\n"
            + "menuentry 'xlj test guest' {\n\tlinux /boot/vmlinux console=hvc0 rdinit=/init\n\tinitrd /boot/initrd.img\n}\n";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void realPygrubBootsTheDefaultEntryWithoutATerminal() throws Exception {
        assumePygrub();
        Random r = new Random(6);
        byte[] kernel = new byte[300_000];
        byte[] initrd = new byte[20_000];
        r.nextBytes(kernel);
        r.nextBytes(initrd);
        Path image = ext4(GRUB_CFG, kernel, initrd);
        Bootloader b = new Bootloader(lib, log, PYGRUB.getParent(), Map.of(), null, steps::add);
        // The timeout of 5 s in grub.cfg is not waited for: --quiet boots the default at once.
        try (PvImage pv = b.run(info("pygrub", "xljlab.extra=1", List.of()), List.of(raw(image)), DOMID)) {
            assertThat(pv.kernel().data().getByteArray(0, (int) pv.kernel().size())).isEqualTo(kernel);
            assertThat(pv.ramdisk().data().getByteArray(0, (int) pv.ramdisk().size())).isEqualTo(initrd);
            assertThat(pv.cmdline()).isEqualTo("console=hvc0 rdinit=/init xljlab.extra=1");
            assertThat(pv.kernelPath()).startsWith(lib + "/bootloader.7.d/boot_kernel.");
            assertThat(leftovers()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void realPygrubOnADiskWithoutGrubConfigFails() throws Exception {
        assumePygrub();
        Path image = ext4(null, new byte[1000], new byte[1000]);
        Bootloader b = new Bootloader(lib, log, PYGRUB.getParent(), Map.of(), null, steps::add);
        Throwable t = catchFailure(() -> b.run(info("pygrub", null, List.of()), List.of(raw(image)), DOMID));
        assertThat(libxlError(t).logLines().get(1)).endsWith("exited with error status 1");
        assertThat(logText()).contains("Unable to find partition containing kernel");
        // pygrub's own empty boot_kernel/boot_ramdisk files went with the directory.
        assertThat(leftovers()).isEmpty();
    }

    private static Throwable catchFailure(ThrowingRunnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("the bootloader step did not fail");
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
