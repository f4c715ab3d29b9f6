package io.xlj.libxl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The bootloader's command line as libxl 4.17 builds it ({@code make_bootloader_args}):
 *
 * <pre>
 * PROGRAM [--kernel=K] [--ramdisk=R] [--args=CMDLINE] [--quiet]
 *         --output=OUT --output-format=simple0 --output-directory=DIR [bootloader_args...] DISK
 * </pre>
 *
 * The kernel, ramdisk and command line of the config are hints (pygrub boots a given kernel
 * from the guest's disk and appends the given args to the menu entry's); an empty command line
 * is not passed.
 *
 * <p>{@code --quiet} is where libxl puts it when it deprivileges the bootloader; xlj puts it
 * there for pygrub always. libxl gives the bootloader a pty for its menu; xlj runs it without a
 * terminal, and pygrub without {@code -q} then fails to draw its curses menu, swallows that
 * error while probing partitions and gives up with "Unable to find partition containing
 * kernel". Quiet, it boots the default entry at once, which is what a menu nobody sees does
 * after its timeout. Other bootloaders get exactly libxl's arguments.
 *
 * @param program  the program, resolved by {@link #program}
 * @param kernel   b_info.kernel, or null
 * @param ramdisk  b_info.ramdisk, or null
 * @param cmdline  b_info.cmdline, or null
 * @param output   the file the bootloader writes its choice to
 * @param outputDirectory where it puts the kernel and ramdisk it extracts
 * @param extra    b_info.bootloader_args
 * @param disk     the first disk's local path
 */
record BootloaderArgs(String program, String kernel, String ramdisk, String cmdline, Path output,
                      Path outputDirectory, List<String> extra, String disk) {

    /** {@code libxl__private_bindir_path()} of Debian's Xen 4.17: where "pygrub" is looked up. */
    static final Path PRIVATE_BINDIR = Path.of("/usr/lib/xen-4.17/bin");

    BootloaderArgs {
        extra = extra == null ? List.of() : List.copyOf(extra);
    }

    /**
     * {@code bootloader_disk_attached_cb}: a name without a leading '/' is taken from Xen's
     * private bin directory when it exists there (lstat, so a dangling link counts), else left
     * as it is for the exec's PATH search.
     */
    static String program(String bootloader, Path bindir, Predicate<Path> exists) {
        if (bootloader.startsWith("/")) {
            return bootloader;
        }
        // libxl__abs_path: bindir + "/" + name, even for "sub/dir" names.
        Path candidate = Path.of(bindir + "/" + bootloader);
        return exists.test(candidate) ? candidate.toString() : bootloader;
    }

    /** Whether the program is pygrub, which needs {@code --quiet} without a terminal. */
    boolean isPygrub() {
        String name = program.substring(program.lastIndexOf('/') + 1);
        return name.equals("pygrub");
    }

    /** argv, program first. */
    List<String> argv() {
        List<String> a = new ArrayList<>();
        a.add(program);
        if (kernel != null) {
            a.add("--kernel=" + kernel);
        }
        if (ramdisk != null) {
            a.add("--ramdisk=" + ramdisk);
        }
        if (cmdline != null && !cmdline.isEmpty()) {
            a.add("--args=" + cmdline);
        }
        if (isPygrub()) {
            a.add("--quiet");
        }
        a.add("--output=" + output);
        a.add("--output-format=simple0");
        a.add("--output-directory=" + outputDirectory);
        a.addAll(extra);
        a.add(disk);
        return a;
    }
}
