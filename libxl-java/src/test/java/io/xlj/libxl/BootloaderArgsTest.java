package io.xlj.libxl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bootloader's argv and program as libxl 4.17's make_bootloader_args and bootloader_disk_attached_cb make them. */
class BootloaderArgsTest {

    private static final Path OUT = Path.of("/var/lib/xen/bootloader.7.out");
    private static final Path DIR = Path.of("/var/lib/xen/bootloader.7.d");

    @Test
    void libxlsOrderWithEveryHint() {
        BootloaderArgs a = new BootloaderArgs("/usr/local/bin/myloader", "/boot/vmlinuz", "/boot/initrd",
                "console=hvc0 root=/dev/xvda1", OUT, DIR, List.of("--entry=1", "-v"), "/srv/guest.img");
        assertThat(a.argv()).containsExactly("/usr/local/bin/myloader", "--kernel=/boot/vmlinuz",
                "--ramdisk=/boot/initrd", "--args=console=hvc0 root=/dev/xvda1",
                "--output=/var/lib/xen/bootloader.7.out", "--output-format=simple0",
                "--output-directory=/var/lib/xen/bootloader.7.d", "--entry=1", "-v", "/srv/guest.img");
    }

    @Test
    void noHintsAndAnEmptyCommandLineAreLeftOut() {
        BootloaderArgs a = new BootloaderArgs("/bin/false", null, null, "", OUT, DIR, null, "/dev/vg/guest");
        assertThat(a.argv()).containsExactly("/bin/false", "--output=/var/lib/xen/bootloader.7.out",
                "--output-format=simple0", "--output-directory=/var/lib/xen/bootloader.7.d", "/dev/vg/guest");
    }

    @Test
    void pygrubIsQuietWhereLibxlPutsQuietForADeprivilegedOne() {
        BootloaderArgs a = new BootloaderArgs("/usr/lib/xen-4.17/bin/pygrub", null, null, "extra=1", OUT, DIR,
                List.of(), "/srv/g.img");
        assertThat(a.argv()).containsExactly("/usr/lib/xen-4.17/bin/pygrub", "--args=extra=1", "--quiet",
                "--output=/var/lib/xen/bootloader.7.out", "--output-format=simple0",
                "--output-directory=/var/lib/xen/bootloader.7.d", "/srv/g.img");
        assertThat(new BootloaderArgs("/usr/bin/pygrub", null, null, null, OUT, DIR, List.of(), "/d").argv())
                .contains("--quiet");
        assertThat(new BootloaderArgs("/opt/pygrub2", null, null, null, OUT, DIR, List.of(), "/d").argv())
                .doesNotContain("--quiet");
    }

    @Test
    void aBareNameIsTakenFromXensPrivateBinDirWhenItIsThere() {
        Path bindir = Path.of("/usr/lib/xen-4.17/bin");
        Set<Path> present = Set.of(Path.of("/usr/lib/xen-4.17/bin/pygrub"));
        assertThat(BootloaderArgs.program("pygrub", bindir, present::contains)).isEqualTo("/usr/lib/xen-4.17/bin/pygrub");
        // Not there: left for the exec's PATH search.
        assertThat(BootloaderArgs.program("false", bindir, present::contains)).isEqualTo("false");
        // A path is used as it is, whatever exists.
        assertThat(BootloaderArgs.program("/usr/bin/pygrub", bindir, p -> true)).isEqualTo("/usr/bin/pygrub");
        // libxl__abs_path joins a relative path with a slash.
        assertThat(BootloaderArgs.program("sub/loader", bindir, p -> true)).isEqualTo("/usr/lib/xen-4.17/bin/sub/loader");
    }
}
