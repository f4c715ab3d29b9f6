package io.xlj.libxl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** libxl 4.17's PVH defaults for what xl parsed. */
class PvhBuildTest {

    private static final String BASE = String.join("\n",
            "name = \"xlj-pvh\"",
            "type = \"pvh\"",
            "memory = 128",
            "vcpus = 2", "");

    private static PvhBuild of(String text) {
        return PvhBuild.of(HvmBuildTest.parse(text), true, true, true);
    }

    @Test
    void aDirectKernelBootKeepsTheConfigsKernelRamdiskAndCommandLine() {
        PvhBuild b = of(BASE + "kernel = \"/k\"\nramdisk = \"/r\"\nextra = \"console=hvc0\"\n");
        assertThat(b.kernel()).isEqualTo("/k");
        assertThat(b.ramdisk()).isEqualTo("/r");
        assertThat(b.cmdline()).isEqualTo("console=hvc0");
        assertThat(b.shadowMemKb()).isEqualTo(4 * (256 * 2 + 128));
        assertThat(b.eventChannels()).isEqualTo(1023);
    }

    /** As for PV, the bootloader finds the kernel: libxl__bootloader_run serves PV and PVH guests. */
    @Test
    void aBootloaderNeedsNoKernel() {
        PvhBuild b = of(BASE + "bootloader = \"pygrub\"\ndisk = [ \"/srv/g.img,raw,xvda,rw\" ]\n");
        assertThat(b.kernel()).isNull();
        assertThat(b.maxMemKb()).isEqualTo(128 * 1024);
    }
}
