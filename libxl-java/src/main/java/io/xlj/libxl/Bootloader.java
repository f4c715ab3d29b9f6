package io.xlj.libxl;

import io.xlj.config.model.DeviceDisk;
import io.xlj.config.model.DiskFormat;
import io.xlj.config.model.DomainBuildInfo;
import io.xlj.libxl.device.DeviceException;
import io.xlj.libxl.device.LocalDiskAttach;
import io.xlj.xen.MappedFile;
import io.xlj.xen.XenCallException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libxl 4.17's bootloader step for a PV or PVH guest ({@code libxl__bootloader_run} and its
 * callbacks in libxl_bootloader.c), run where libxl runs it: after the domain and its xenstore
 * skeleton exist and the disks have their defaults, before anything is built. The program
 * (pygrub, usually) reads the guest's first disk (in place, or attached to dom0 while it runs:
 * {@link LocalDiskAttach}), extracts the kernel and ramdisk into
 * {@code /var/lib/xen/bootloader.DOMID.d} and names them, with the command line, in
 * {@code /var/lib/xen/bootloader.DOMID.out}; its terminal output goes to
 * {@code /var/log/xen/bootloader.DOMID.log}. The kernel and ramdisk are mapped and deleted at
 * once, the output file and directory removed whatever happened, so nothing of the bootloader
 * stays on disk; the mappings are released with the {@link PvImage}.
 *
 * <p>Unlike libxl, xlj gives the bootloader no pty and no console: it runs with no input, its
 * output into the log (see {@link BootloaderArgs} for pygrub's {@code --quiet}), and always
 * under libxl's 120 s bootloader timeout ({@code LIBXL_BOOTLOADER_TIMEOUT} seconds, 0 for
 * none), because no one is there to answer a bootloader that waits. libxl's deprivileged mode
 * ({@code LIBXL_BOOTLOADER_RESTRICT}, {@code LIBXL_BOOTLOADER_USER}) is refused rather than
 * ignored: running as root what the admin wanted confined would be worse than not running.
 *
 * <p>Failures throw a {@link ToolstackException} naming the step, its cause a
 * {@link LibxlError} carrying libxl's error lines.
 */
final class Bootloader {

    private static final Logger LOG = LoggerFactory.getLogger(Bootloader.class);

    /** The step of the create this is (named in errors, a CreateFaults injection point). */
    static final String STEP = "bootloader";
    /** The step after the program succeeded: reading its choice, mapping the files. */
    static final String OUTPUT_STEP = "bootloader output";

    /** XEN_LIB_DIR of Debian's build: where the output file and directory go. */
    static final Path XEN_LIB_DIR = Path.of("/var/lib/xen");
    /** LIBXL_BOOTLOADER_TIMEOUT. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** Where one domain's bootloader writes: output file, extraction directory, log. */
    record Paths(Path output, Path directory, Path log) {
        static Paths of(Path libDir, Path logDir, int domid) {
            String n = Integer.toUnsignedString(domid);
            return new Paths(libDir.resolve("bootloader." + n + ".out"), libDir.resolve("bootloader." + n + ".d"),
                    logDir.resolve("bootloader." + n + ".log"));
        }
    }

    private final Path libDir;
    private final Path logDir;
    private final Path bindir;
    private final Duration timeout;
    private final Map<String, String> env;
    private final LocalDiskAttach localAttach;
    private final Consumer<String> enter;
    private String step = STEP;

    /**
     * @param localAttach attaches a boot disk dom0 cannot read in place
     * @param enter marks a step of the create (DomainCreator.enter), where a fault may be injected
     */
    Bootloader(LocalDiskAttach localAttach, Consumer<String> enter) {
        this(XEN_LIB_DIR, DeviceModel.LOG_DIR, BootloaderArgs.PRIVATE_BINDIR, System.getenv(), localAttach, enter);
    }

    /** For tests: other directories and another environment. */
    Bootloader(Path libDir, Path logDir, Path bindir, Map<String, String> env, LocalDiskAttach localAttach,
               Consumer<String> enter) {
        this.localAttach = localAttach;
        this.libDir = libDir;
        this.logDir = logDir;
        this.bindir = bindir;
        this.env = env;
        this.timeout = timeout(env.get("LIBXL_BOOTLOADER_TIMEOUT"));
        this.enter = enter;
    }

    /**
     * The PV image of a guest: the config's kernel when there is no bootloader, else what the
     * bootloader extracted from the first disk.
     *
     * @param b     the build info (bootloader, bootloader_args, the kernel/ramdisk/cmdline hints)
     * @param disks the guest's disks with their defaults, in config order
     */
    PvImage run(DomainBuildInfo b, List<DeviceDisk> disks, int domid) {
        if (b.bootloader() == null) {
            // "no bootloader configured, using user supplied kernel"
            return PvImage.direct(b.kernel(), b.ramdisk(), b.cmdline());
        }
        enterStep(STEP);
        if (env.get("LIBXL_BOOTLOADER_RESTRICT") != null || env.get("LIBXL_BOOTLOADER_USER") != null) {
            String why = "LIBXL_BOOTLOADER_RESTRICT/LIBXL_BOOTLOADER_USER (a deprivileged bootloader)"
                    + " is not supported by xlj yet";
            throw fail(domid, LibxlError.ERROR_INVAL, why, List.of("libxl: error: Domain " + domid + ":" + why));
        }
        if (disks.isEmpty()) {
            throw fail(domid, LibxlError.ERROR_FAIL, "cannot run bootloader with no boot disk", List.of(
                    LibxlLog.errorD("libxl_bootloader.c:427:libxl__bootloader_run", domid,
                            "cannot run bootloader with no boot disk")));
        }
        Paths paths = Paths.of(libDir, logDir, domid);
        try {
            Path log = createLog(paths, domid);
            prepareOutput(paths, domid);
            try (BootDisk disk = bootDisk(disks.get(0), b.blkdevStart(), domid)) {
                BootloaderArgs args = new BootloaderArgs(
                        BootloaderArgs.program(b.bootloader(), bindir, p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)),
                        b.kernel(), b.ramdisk(), b.cmdline(), paths.output(), paths.directory(), b.bootloaderArgs(),
                        disk.path());
                execute(args, log, domid);
                enterStep(OUTPUT_STEP);
                return image(paths, domid);
            }
        } finally {
            cleanUp(paths);
        }
    }

    private void enterStep(String name) {
        step = name;
        enter.accept(name);
    }

    /** libxl_create_logfile: the old logs rotated, the new one opened for appending. */
    private Path createLog(Paths paths, int domid) {
        try {
            Files.createDirectories(logDir);
            Path log = DeviceModel.rotateLog(logDir, "bootloader." + Integer.toUnsignedString(domid));
            Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
            return log;
        } catch (IOException e) {
            throw fail(domid, LibxlError.ERROR_FAIL, "failed to create bootloader logfile " + paths.log() + ": "
                    + e.getMessage(), List.of(LibxlLog.errorD("libxl_bootloader.c:445:libxl__bootloader_run",
                    domid, "failed to create bootloader logfile " + paths.log() + ": " + strerror(e))));
        }
    }

    /** The extraction directory (mode 0600, as libxl makes it; an old one is reused) and an empty output file. */
    private void prepareOutput(Paths paths, int domid) {
        try {
            Files.createDirectory(paths.directory(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // EEXIST: libxl carries on with the directory that is there.
        } catch (IOException e) {
            throw fail(domid, LibxlError.ERROR_FAIL, "failed to create bootloader dir " + paths.directory() + ": "
                    + e.getMessage(), List.of(LibxlLog.errorD("libxl_bootloader.c:456:libxl__bootloader_run",
                    domid, "failed to create bootloader dir " + paths.directory() + ": " + strerror(e))));
        }
        try {
            Files.newOutputStream(paths.output(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING).close();
            Files.setPosixFilePermissions(paths.output(), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw fail(domid, LibxlError.ERROR_FAIL, "failed to precreate bootloader output " + paths.output() + ": "
                    + e.getMessage(), List.of(LibxlLog.errorD("libxl_bootloader.c:466:libxl__bootloader_run",
                    domid, "failed to precreate bootloader output " + paths.output() + ": " + strerror(e))));
        }
    }

    /**
     * {@code libxl__device_disk_find_local_path} for the toolstack domain: a raw image without
     * a script or driver domain is read where it is; anything else is attached to dom0 for the
     * bootloader ({@link LocalDiskAttach}): null.
     */
    static String localPath(DeviceDisk d) {
        if (d.backendDomname() != null || d.pdevPath() == null) {
            return null;
        }
        return d.format() == DiskFormat.RAW && d.script() == null ? d.pdevPath() : null;
    }

    /** The disk the bootloader reads: where it is, or attached to dom0 until the bootloader is done. */
    private record BootDisk(String path, LocalDiskAttach.Attached attached, int domid) implements AutoCloseable {
        /** bootloader_local_detached_cb: a disk that will not go is logged; the guest's create goes on. */
        @Override
        public void close() {
            if (attached == null) {
                return;
            }
            try {
                attached.close();
            } catch (RuntimeException e) {
                LOG.error("domain {}: unable to detach locally attached disk {}: {}", domid, path, e.getMessage());
            }
        }
    }

    /** libxl__device_disk_local_initiate_attach and bootloader_disk_attached_cb. */
    private BootDisk bootDisk(DeviceDisk d, String blkdevStart, int domid) {
        String local = localPath(d);
        if (local != null) {
            return new BootDisk(local, null, domid);
        }
        String attachFailed = LibxlLog.errorD("libxl_bootloader.c:499:bootloader_disk_attached_cb", domid,
                "failed to attach local disk for bootloader execution");
        if (d.pdevPath() == null) {
            // libxl asserts a target here; an empty drive cannot be booted from.
            throw fail(domid, LibxlError.ERROR_FAIL, "the boot disk " + d.vdev() + " has no target",
                    List.of(attachFailed));
        }
        try {
            LocalDiskAttach.Attached a = localAttach.attach(d, blkdevStart);
            return new BootDisk(a.path(), a, domid);
        } catch (DeviceException e) {
            List<String> lines = new ArrayList<>();
            e.libxlLines().forEach(l -> lines.add("libxl: error: " + l));
            lines.add(attachFailed);
            throw fail(domid, LibxlError.ERROR_FAIL, "cannot attach the boot disk " + d.pdevPath() + " to dom0: "
                    + e.getMessage(), lines);
        }
    }

    /** Runs the program to its end; its failure in libxl's words. */
    private void execute(BootloaderArgs args, Path log, int domid) {
        List<String> argv = args.argv();
        LOG.debug("domain {}: executing bootloader: {}", domid, argv.get(0));
        for (String a : argv) {
            LOG.debug("domain {}:   bootloader arg: {}", domid, a);
        }
        ProcessBuilder pb = new ProcessBuilder(argv);
        // libxl__exec's env for the bootloader.
        pb.environment().put("TERM", "vt100");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        String failed = LibxlLog.errorD("libxl_bootloader.c:767:bootloader_finished", domid,
                "bootloader failed - consult logfile " + log);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            // libxl's child prints this into the bootloader's terminal and exits 255; here there
            // was no child, so the pid of libxl's second line cannot be given.
            String why = "cannot execute " + argv.get(0) + ": " + execError(e);
            appendQuietly(log, "libxl: " + why + "\n");
            throw fail(domid, LibxlError.ERROR_FAIL, "bootloader failed: " + why,
                    List.of(failed, "libxl: error: Domain " + domid + ":" + why));
        }
        int status;
        try {
            if (!timeout.isZero() && !p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                throw fail(domid, LibxlError.ERROR_TIMEDOUT, "bootloader timed out after " + timeout.toSeconds() + " s",
                        List.of(LibxlLog.errorD("libxl_bootloader.c:738:bootloader_timeout", domid,
                                "killing bootloader because of timeout")));
            }
            status = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ToolstackException(step, domid, "interrupted while the bootloader ran", e);
        }
        if (status != 0) {
            String exit = exitStatus(p.pid(), status);
            throw fail(domid, LibxlError.ERROR_FAIL, "bootloader failed (" + exit + "), see " + log,
                    List.of(failed, LibxlLog.error(exitStatusSite(status), exit)));
        }
        LOG.debug("domain {}: bootloader completed", domid);
    }

    /**
     * {@code parse_bootloader_result}: the kernel and ramdisk it named are mapped and deleted
     * (libxl ignores a failed map: the build then fails to read the deleted path, as libxl's does).
     */
    private PvImage image(Paths paths, int domid) {
        byte[] out;
        try {
            out = Files.readAllBytes(paths.output());
        } catch (IOException e) {
            throw fail(domid, LibxlError.ERROR_FAIL, "cannot read bootloader output " + paths.output(), List.of(
                    LibxlLog.errorD("libxl_bootloader.c:234:parse_bootloader_result", domid,
                            "open bootloader output file " + paths.output() + ": " + strerror(e))));
        }
        BootloaderOutput chosen = BootloaderOutput.parse(out);
        chosen.warnings().forEach(w -> LOG.warn("domain {}: {}", domid, w));
        if (chosen.kernel() == null) {
            throw fail(domid, LibxlError.ERROR_FAIL, "the bootloader named no kernel in " + paths.output(),
                    List.of("libxl: error: Domain " + domid + ":the bootloader named no kernel"));
        }
        MappedFile kernel = mapAndDelete(chosen.kernel(), domid);
        MappedFile ramdisk = chosen.ramdisk() == null ? null : mapAndDelete(chosen.ramdisk(), domid);
        LOG.debug("domain {}: bootloader execution successful", domid);
        return new PvImage(chosen.kernel(), chosen.ramdisk(), chosen.args(), kernel, ramdisk);
    }

    private static MappedFile mapAndDelete(String path, int domid) {
        MappedFile m = null;
        try {
            m = MappedFile.map(Path.of(path));
        } catch (XenCallException | IllegalArgumentException e) {
            LOG.debug("domain {}: cannot map {}: {}", domid, path, e.getMessage());
        }
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (IOException | RuntimeException e) {
            LOG.debug("domain {}: cannot delete {}: {}", domid, path, e.getMessage());
        }
        return m;
    }

    /** bootloader_cleanup: the output file and the extraction directory with whatever is left in it. */
    private static void cleanUp(Paths paths) {
        try {
            Files.deleteIfExists(paths.output());
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", paths.output(), e.getMessage());
        }
        if (!Files.exists(paths.directory(), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(paths.directory())) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", paths.directory(), e.getMessage());
        }
    }

    private ToolstackException fail(int domid, int rc, String message, List<String> lines) {
        return new ToolstackException(step, domid, message, new LibxlError(rc, lines, message));
    }

    /**
     * libxl_report_child_exitstatus's text. Java folds a death by signal N into status 128+N;
     * statuses above 128+64 can only be exits.
     */
    static String exitStatus(long pid, int status) {
        if (status > 128 && status <= 128 + 64) {
            int sig = status - 128;
            String name = SIGNALS.get(sig);
            return name != null
                    ? "bootloader [" + pid + "] died due to fatal signal " + name
                    : "bootloader [" + pid + "] died due to unknown fatal signal number " + sig;
        }
        return "bootloader [" + pid + "] exited with error status " + status;
    }

    private static String exitStatusSite(int status) {
        if (status > 128 && status <= 128 + 64) {
            return SIGNALS.containsKey(status - 128)
                    ? "libxl_exec.c:127:libxl_report_child_exitstatus"
                    : "libxl_exec.c:131:libxl_report_child_exitstatus";
        }
        return "libxl_exec.c:117:libxl_report_child_exitstatus";
    }

    /** glibc's strsignal for the signals that end a bootloader in practice. */
    private static final Map<Integer, String> SIGNALS = Map.of(1, "Hangup", 2, "Interrupt", 3, "Quit",
            6, "Aborted", 9, "Killed", 11, "Segmentation fault", 13, "Broken pipe", 15, "Terminated");

    /** The timeout: libxl's default, or LIBXL_BOOTLOADER_TIMEOUT seconds read as atoi does (0: none). */
    static Duration timeout(String value) {
        if (value == null) {
            return DEFAULT_TIMEOUT;
        }
        Matcher m = Pattern.compile("^\\s*([+-]?\\d{1,9})").matcher(value);
        int seconds = m.find() ? Integer.parseInt(m.group(1)) : 0;
        return seconds <= 0 ? Duration.ZERO : Duration.ofSeconds(seconds);
    }

    /** "No such file or directory" out of the JDK's "error=2, No such file or directory". */
    private static String execError(IOException e) {
        String msg = String.valueOf(e.getMessage());
        Matcher m = Pattern.compile("error=(\\d+), (.*)$").matcher(msg);
        return m.find() ? m.group(2) : msg;
    }

    /** The errno text of a java.nio failure, as strerror would put it. */
    private static String strerror(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "Not a directory";
        }
        String reason = e instanceof java.nio.file.FileSystemException f ? f.getReason() : null;
        return reason != null ? reason : String.valueOf(e.getMessage());
    }

    private static void appendQuietly(Path log, String text) {
        try {
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.debug("cannot write {}: {}", log, e.getMessage());
        }
    }
}
