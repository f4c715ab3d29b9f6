package io.xlj.libxl;

import io.xlj.config.model.AltP2mMode;
import io.xlj.config.model.BiosType;
import io.xlj.config.model.DomainBuildInfo;
import io.xlj.config.model.DomainConfig;
import io.xlj.config.model.DomainType;
import io.xlj.config.model.HvmBuildInfo;
import io.xlj.config.model.TimerMode;
import io.xlj.config.model.TscMode;
import io.xlj.config.model.VgaInterfaceType;
import io.xlj.xen.XenConstants;
import java.util.BitSet;
import java.util.Objects;
import java.util.UUID;

/**
 * What building one HVM guest with a qemu-xen device model needs, after libxl 4.17's
 * setdefault for HVM: HAP where the host has it, video memory for the VGA (cirrus 8 MiB),
 * hvmloader as the image and SeaBIOS as its system firmware module, HPET and vpt_align on,
 * timer mode no_delay_for_missed_ticks, ACPI (S3, S4) and APIC and PAE on, a vkb device, the
 * paging pool of {@link PvhBuild#requiredPagingMemoryKb}.
 *
 * @param hvmloader the image libxenguest loads (libxl's firmware, under XENFIRMWAREDIR)
 * @param biosFile the system firmware module (SeaBIOS/OVMF, or system_firmware=)
 * @param cmdline the kernel command line (the device model gets the kernel; libxl still
 *        hands it to xc_dom_allocate)
 * @param acpiFirmware an ACPI table file for hvmloader (acpi_firmware=), or null
 * @param smbiosFirmware an SMBIOS pass-through file for hvmloader (smbios_firmware=), or null
 * @param generationId the VM generation ID (ms_vm_genid="generate") as libxl writes it to
 *        {@code platform/generation-id}, "LOW:HIGH" in decimal, or null
 */
public record HvmBuild(String name, UUID uuid, String hvmloader, String biosName, String biosFile,
                       String acpiFirmware, String smbiosFirmware, String cmdline, long maxMemKb,
                       long targetMemKb, long videoMemKb, long shadowMemKb, long mmioHoleKb, int maxVcpus,
                       BitSet availVcpus, int eventChannels, int maxGrantFrames, int maxMaptrackFrames,
                       int maxGrantVersion, int tscMode, boolean disableMigrate, boolean claimMode, int poolid,
                       boolean hap, boolean oos, boolean nestedHvm, boolean vpmu, boolean msrRelaxed,
                       int timerMode, int altp2m, boolean hpet, boolean vptAlign, long mcaCaps, boolean acpi,
                       boolean acpiS3, boolean acpiS4, boolean acpiLaptopSlate, boolean apic, boolean pae,
                       boolean vkb, String timeoffset, String deviceModel, String generationId) {

    /** XENFIRMWAREDIR of Debian's Xen 4.17. */
    static final String FIRMWARE_DIR = "/usr/lib/xen-4.17/boot";
    /** The SeaBIOS and OVMF paths compiled into Debian's libxenlight. */
    static final String SEABIOS = "/usr/share/seabios/bios-256k.bin";
    static final String OVMF = "/usr/share/ovmf/OVMF.fd";

    public HvmBuild {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        availVcpus = (BitSet) availVcpus.clone();
    }

    @Override
    public BitSet availVcpus() {
        return (BitSet) availVcpus.clone();
    }

    /** XEN_DOMCTL_CDF_* of libxl__domain_make for an HVM guest. */
    int createFlags() {
        int flags = XenConstants.XEN_DOMCTL_CDF_hvm;
        if (hap) {
            flags |= XenConstants.XEN_DOMCTL_CDF_hap;
        }
        if (!oos) {
            flags |= XenConstants.XEN_DOMCTL_CDF_oos_off;
        }
        if (nestedHvm) {
            flags |= XenConstants.XEN_DOMCTL_CDF_nested_virt;
        }
        if (vpmu) {
            flags |= XenConstants.XEN_DOMCTL_CDF_vpmu;
        }
        return flags;
    }

    /** libxl__arch_domain_prepare_config: everything but vPCI is emulated (by Xen or qemu). */
    static int emulationFlags() {
        return XenConstants.XEN_X86_EMU_ALL & ~XenConstants.XEN_X86_EMU_VPCI;
    }

    /**
     * The HVM build of an xl-parsed config.
     *
     * @throws ToolstackException with libxl's words for what it refuses, xlj's for what xlj cannot do yet
     */
    public static HvmBuild of(DomainConfig config, boolean gnttabV2, boolean capHap, boolean capShadow,
                              boolean capHvm) {
        DomainBuildInfo b = config.bInfo();
        if (config.cInfo().type() != DomainType.HVM || !(b.u() instanceof HvmBuildInfo hvm)) {
            throw new IllegalArgumentException("not an HVM config: " + config.cInfo().type().libxlName());
        }
        if (config.cInfo().name() == null || config.cInfo().name().isEmpty()) {
            throw new ToolstackException("config", null, "the domain has no name");
        }
        if (!capHvm) {
            throw new ToolstackException("libxl__domain_config_setdefault", null,
                    "HVM guests are not supported on this host");
        }
        if (!capHap && !capShadow) {
            throw new ToolstackException("libxl__domain_create_info_setdefault", null,
                    "neither hap nor shadow paging available");
        }
        if (!b.vnumaNodes().isEmpty()) {
            throw new ToolstackException("config", null, "vNUMA is not supported for HVM yet");
        }
        UnbuiltDevices.refuse(config, "HVM");
        if (b.tscMode() == TscMode.NATIVE_PARAVIRT) {
            throw new ToolstackException("config", null,
                    "TSC Mode native_paravirt (a.k.a PVRDTSCP) has been removed");
        }
        BiosType bios = hvm.bios() == null || hvm.bios() == BiosType.UNKNOWN ? BiosType.SEABIOS : hvm.bios();
        if (bios == BiosType.ROMBIOS) {
            throw new ToolstackException("libxl__domain_build_info_setdefault", null,
                    "qemu-xen does not support bios=rombios.");
        }
        String firmware = hvm.firmware() == null ? "hvmloader" : hvm.firmware();
        String hvmloader = firmware.startsWith("/") ? firmware : FIRMWARE_DIR + "/" + firmware;
        String biosFile = hvm.systemFirmware() != null ? hvm.systemFirmware()
                : bios == BiosType.OVMF ? OVMF : SEABIOS;
        long max = b.maxMemkb() == PvBuild.MEMKB_DEFAULT ? 32 * 1024 : b.maxMemkb();
        long target = b.targetMemkb() == PvBuild.MEMKB_DEFAULT ? max : b.targetMemkb();
        VgaInterfaceType vga = hvm.vgaKind() == VgaInterfaceType.UNKNOWN ? VgaInterfaceType.CIRRUS : hvm.vgaKind();
        long video = DeviceModelArgs.videoMemKb(b, vga);
        int maxVcpus = b.maxVcpus() == 0 ? 1 : b.maxVcpus();
        boolean hap = config.cInfo().hap().valueOr(capHap);
        long shadow = b.shadowMemkb() == PvBuild.MEMKB_DEFAULT
                ? PvhBuild.requiredPagingMemoryKb(max, maxVcpus, hap) : b.shadowMemkb();
        BitSet avail = b.availVcpus();
        if (avail == null || avail.isEmpty()) {
            avail = new BitSet();
            avail.set(0, maxVcpus);
        }
        int grantVersion = b.maxGrantVersion() == (int) DomainBuildInfo.MAX_GRANT_DEFAULT
                ? (gnttabV2 ? 2 : 1) : b.maxGrantVersion();
        String uuidText = config.cInfo().uuid();
        UUID uuid = uuidText == null ? new UUID(0, 0) : UUID.fromString(uuidText);
        TimerMode timer = hvm.timerMode() == TimerMode.UNKNOWN || hvm.timerMode() == null
                ? TimerMode.NO_DELAY_FOR_MISSED_TICKS : hvm.timerMode();
        if (b.timerMode() != null && b.timerMode() != TimerMode.UNKNOWN) {
            timer = b.timerMode();
        }
        AltP2mMode altp2mMode = b.altp2m() == null ? AltP2mMode.DISABLED : b.altp2m();
        int altp2m = altp2mMode.value();
        if (altp2mMode == AltP2mMode.DISABLED && hvm.altp2m().valueOr(false)) {
            altp2m = 1;
        }
        boolean acpi = b.acpi().isDefault() ? hvm.acpi().valueOr(true) : b.acpi().valueOr(true);
        boolean apic = b.apic().isDefault() ? hvm.apic().valueOr(true) : b.apic().valueOr(true);
        boolean nested = b.nestedHvm().isDefault() ? hvm.nestedHvm().valueOr(false) : b.nestedHvm().valueOr(false);
        long hole = hvm.mmioHoleMemkb() == PvBuild.MEMKB_DEFAULT ? 0 : hvm.mmioHoleMemkb();
        return new HvmBuild(config.cInfo().name(), uuid, hvmloader, bios.libxlName(), biosFile, hvm.acpiFirmware(),
                hvm.smbiosFirmware(), b.cmdline(), max, target, video, shadow, hole, maxVcpus, avail,
                b.eventChannels() == 0 ? 1023 : (int) b.eventChannels(), (int) b.maxGrantFrames(),
                (int) b.maxMaptrackFrames(), grantVersion, b.tscMode().value(), b.disableMigrate().valueOr(false),
                b.claimMode().valueOr(false), (int) config.cInfo().poolid(), hap, config.cInfo().oos().valueOr(true),
                nested, b.vpmu().valueOr(false), b.msrRelaxed().valueOr(false), timer.value(), altp2m,
                hvm.hpet().valueOr(true), hvm.vptAlign().valueOr(true), hvm.mcaCaps(), acpi,
                hvm.acpiS3().valueOr(true), hvm.acpiS4().valueOr(true), hvm.acpiLaptopSlate().valueOr(false), apic,
                hvm.pae().valueOr(true), hvm.vkbDevice().valueOr(true), hvm.timeoffset(),
                DeviceModelArgs.path(b), generationId(hvm.msVmGenid()));
    }

    /**
     * libxl__ms_vm_genid_set's xenstore value: the 16 bytes as two little-endian 64-bit
     * numbers, unsigned, "%lu:%lu"; null for no ID (absent or all zero).
     */
    static String generationId(byte[] genid) {
        if (genid == null || java.util.Arrays.equals(genid, new byte[genid.length])) {
            return null;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(genid).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return Long.toUnsignedString(b.getLong(0)) + ":" + Long.toUnsignedString(b.getLong(8));
    }

    /** libxl__get_targetmem_fudge: video memory, and LIBXL_MAXMEM_CONSTANT when max > target. */
    long targetMemFudgeKb() {
        return videoMemKb + (maxMemKb > targetMemKb ? PvBuild.MAXMEM_CONSTANT_KB : 0);
    }
}
