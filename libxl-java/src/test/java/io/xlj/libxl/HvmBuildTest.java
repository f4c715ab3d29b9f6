package io.xlj.libxl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xlj.config.GlobalConfig;
import io.xlj.config.model.DomainConfig;
import io.xlj.config.xlparse.HostInfo;
import io.xlj.config.xlparse.XlParse;
import io.xlj.xen.E820Entry;
import io.xlj.xen.XenConstants;
import java.util.List;
import org.junit.jupiter.api.Test;

/** libxl 4.17's HVM defaults and memory layout for the lab's sample HVM config. */
class HvmBuildTest {

    static final String SAMPLE = String.join("\n",
            "name = \"xlj-hvm-guest\"",
            "type = \"hvm\"",
            "kernel = \"/usr/share/xlj-lab/guest/vmlinuz\"",
            "ramdisk = \"/usr/share/xlj-lab/guest/initrd.img\"",
            "extra = \"console=ttyS0 rdinit=/init\"",
            "memory = 256",
            "serial = \"pty\"",
            "vnc = 0", "");

    static DomainConfig parse(String text) {
        return new XlParse(GlobalConfig.defaults(), HostInfo.current(), System.err).parse("hvm.cfg", text, true);
    }

    @Test
    void theSampleGetsLibxlsDefaults() {
        HvmBuild b = HvmBuild.of(parse(SAMPLE), true, true, false, true);
        assertThat(b.hvmloader()).isEqualTo("/usr/lib/xen-4.17/boot/hvmloader");
        assertThat(b.biosName()).isEqualTo("seabios");
        assertThat(b.biosFile()).isEqualTo("/usr/share/seabios/bios-256k.bin");
        assertThat(b.maxMemKb()).isEqualTo(256 * 1024);
        assertThat(b.targetMemKb()).isEqualTo(256 * 1024);
        assertThat(b.videoMemKb()).isEqualTo(8 * 1024);
        assertThat(b.shadowMemKb()).isEqualTo(4 * (256 + 256));
        assertThat(b.targetMemFudgeKb()).isEqualTo(8 * 1024);
        assertThat(b.hap()).isTrue();
        assertThat(b.hpet()).isTrue();
        assertThat(b.vptAlign()).isTrue();
        assertThat(b.acpiS3()).isTrue();
        assertThat(b.acpiS4()).isTrue();
        assertThat(b.acpiLaptopSlate()).isFalse();
        assertThat(b.vkb()).isTrue();
        assertThat(b.timerMode()).isEqualTo(1);
        assertThat(b.createFlags()).isEqualTo(XenConstants.XEN_DOMCTL_CDF_hvm | XenConstants.XEN_DOMCTL_CDF_hap);
        assertThat(HvmBuild.emulationFlags()).isEqualTo(0x3ff);
        assertThat(b.deviceModel()).isEqualTo("/usr/libexec/xen-qemu-system-i386");
    }

    @Test
    void overridesOfFirmwareBiosAndDeviceModel() {
        HvmBuild b = HvmBuild.of(parse(SAMPLE + "firmware = \"/x/hvmloader\"\nbios = \"seabios\"\n"
                + "bios_path_override = \"/x/bios.bin\"\ndevice_model_override = \"/x/qemu\"\n"), true, true, false, true);
        assertThat(b.hvmloader()).isEqualTo("/x/hvmloader");
        assertThat(b.biosFile()).isEqualTo("/x/bios.bin");
        assertThat(b.deviceModel()).isEqualTo("/x/qemu");
    }

    @Test
    void aHostWithoutHvmIsRefused() {
        assertThatThrownBy(() -> HvmBuild.of(parse(SAMPLE), true, true, false, false))
                .isInstanceOf(ToolstackException.class);
    }

    /** Options libxl honours and xlj does not yet: refused by name, never silently ignored. */
    @Test
    void optionsNotBuiltYetAreRefusedByName() {
        assertThatThrownBy(() -> HvmBuild.of(parse(SAMPLE + "vtpm = [ \"backend=0\" ]\np9 = [ \"tag=t,security_model=none,path=/tmp\" ]\n"),
                true, true, false, true)).isInstanceOf(ToolstackException.class)
                .hasMessageContaining("(here: vtpm, p9) are not supported for HVM guests yet");
        assertThat(HvmBuild.of(parse(SAMPLE + "channel = [ \"name=a,connection=pty\" ]\n"), true, true, false, true))
                .isNotNull();
        assertThat(HvmBuild.of(parse(SAMPLE + "viridian = 1\n"), true, true, false, true)).isNotNull();
    }

    /** What the device model cannot be started with yet is refused by name, not left out. */
    @Test
    void deviceModelOptionsNotBuiltYetAreRefusedByName() {
        for (String[] option : List.of(new String[] {"dm_restrict = 1", "dm_restrict"},
                new String[] {"device_model_stubdomain_override = 1", "a stub domain"},
                new String[] {"gfx_passthru = 1", "gfx_passthru"})) {
            assertThatThrownBy(() -> DeviceModelArgs.of(parse(SAMPLE + option[0] + "\n"), 5, -1))
                    .isInstanceOf(ToolstackException.class)
                    .hasMessageContaining("the device model arguments for " + option[1] + " are not built yet");
        }
        assertThat(DeviceModelArgs.of(parse(SAMPLE), 5, -1)).contains("-xen-domid", "5");
    }

    /** libxl__ms_vm_genid_set: two little-endian 64-bit halves, printed unsigned. */
    @Test
    void theGenerationIdIsWrittenAsLibxlPrintsIt() {
        byte[] id = new byte[16];
        id[0] = 1;
        id[8] = 2;
        id[15] = (byte) 0x80;
        assertThat(HvmBuild.generationId(id)).isEqualTo("1:" + Long.toUnsignedString(0x8000000000000002L));
        assertThat(HvmBuild.generationId(new byte[16])).isNull();
        assertThat(HvmBuild.of(parse(SAMPLE + "ms_vm_genid = \"generate\"\n"), true, true, false, true).generationId())
                .matches("\\d+:\\d+");
    }

    @Test
    void theMemoryMapHasTheFirmwaresFirstMegabyteOutAndTheMmioHole() {
        HvmMemoryLayout l = HvmMemoryLayout.of(256 * 1024, 256 * 1024, 8 * 1024, 0, true);
        assertThat(l.mmioSize()).isEqualTo(XenConstants.HVM_BELOW_4G_MMIO_LENGTH);
        assertThat(l.lowmemEnd()).isEqualTo(248L << 20);
        assertThat(l.highmemEnd()).isZero();
        assertThat(l.vgaHoleSize()).isEqualTo(0x20);
        assertThat(l.e820(false, List.of()))
                .containsExactly(new E820Entry(0x100000, (248L << 20) - 0x100000, XenConstants.E820_RAM));
    }
}
