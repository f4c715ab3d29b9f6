package io.xlj.libxl;

import io.xlj.config.model.AltP2mMode;
import io.xlj.config.model.DomainBuildInfo;
import io.xlj.config.model.DomainConfig;
import io.xlj.config.model.DomainType;
import io.xlj.config.model.PvhBuildInfo;
import io.xlj.config.model.TimerMode;
import io.xlj.config.model.TscMode;
import io.xlj.xen.XenConstants;
import java.util.BitSet;
import java.util.Objects;
import java.util.UUID;

/**
 * What building one PVH guest needs, after libxl 4.17's setdefault for PVH
 * ({@code libxl__domain_create_info_setdefault}, {@code libxl__domain_config_setdefault},
 * {@code libxl__domain_build_info_setdefault}): HAP where the host has it, no video memory,
 * a paging pool of 1 MiB per vCPU plus one page per MiB of RAM, timer mode
 * no_delay_for_missed_ticks, ACPI and APIC on, 1023 event channel ports.
 *
 * @param kernel the config's kernel, or null when a bootloader finds it ({@link Bootloader})
 * @param cmdline the kernel command line as xl built it (root= and extra= joined), or null
 * @param shadowMemKb the HAP/shadow paging pool (libxl's shadow_memkb)
 * @param timerMode HVM_PARAM_TIMER_MODE
 * @param altp2m HVM_PARAM_ALTP2M
 */
public record PvhBuild(String name, UUID uuid, String kernel, String ramdisk, String cmdline, long maxMemKb,
                       long targetMemKb, long videoMemKb, long shadowMemKb, int maxVcpus, BitSet availVcpus,
                       int eventChannels, int maxGrantFrames, int maxMaptrackFrames, int maxGrantVersion,
                       int tscMode, boolean disableMigrate, boolean claimMode, int poolid, boolean hap,
                       boolean oos, boolean nestedHvm, boolean vpmu, boolean msrRelaxed, int timerMode,
                       int altp2m, boolean acpi, boolean apic) {

    public PvhBuild {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        availVcpus = (BitSet) availVcpus.clone();
    }

    @Override
    public BitSet availVcpus() {
        return (BitSet) availVcpus.clone();
    }

    /** XEN_DOMCTL_CDF_* of libxl__domain_make for a non-PV guest. */
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

    /**
     * The PVH build of an xl-parsed config.
     *
     * @param gnttabV2 whether the hypervisor offers grant table v2 (physinfo)
     * @param capHap whether the hypervisor offers HAP (physinfo), libxl's default for hap
     * @param capShadow whether the hypervisor offers shadow paging (physinfo)
     * @throws ToolstackException with libxl's words for what it refuses, xlj's for what xlj cannot do yet
     */
    public static PvhBuild of(DomainConfig config, boolean gnttabV2, boolean capHap, boolean capShadow) {
        DomainBuildInfo b = config.bInfo();
        if (config.cInfo().type() != DomainType.PVH || !(b.u() instanceof PvhBuildInfo pvh)) {
            throw new IllegalArgumentException("not a PVH config: " + config.cInfo().type().libxlName());
        }
        if (config.cInfo().name() == null || config.cInfo().name().isEmpty()) {
            throw new ToolstackException("config", null, "the domain has no name");
        }
        if (!capHap && !capShadow) {
            throw new ToolstackException("libxl__domain_create_info_setdefault", null,
                    "neither hap nor shadow paging available");
        }
        if (pvh.pvshim().valueOr(false)) {
            throw new ToolstackException("config", null, "pvshim is not supported yet");
        }
        if (b.kernel() == null && b.bootloader() == null) {
            // xl refuses such a config itself ("Neither kernel nor bootloader specified").
            throw new ToolstackException("config", null, "neither kernel nor bootloader given");
        }
        UnbuiltDevices.refuse(config, "PVH");
        if (!b.vnumaNodes().isEmpty()) {
            throw new ToolstackException("config", null, "vNUMA is not supported for PVH yet");
        }
        if (b.tscMode() == TscMode.NATIVE_PARAVIRT) {
            throw new ToolstackException("config", null,
                    "TSC Mode native_paravirt (a.k.a PVRDTSCP) has been removed");
        }
        long max = b.maxMemkb() == PvBuild.MEMKB_DEFAULT ? 32 * 1024 : b.maxMemkb();
        long target = b.targetMemkb() == PvBuild.MEMKB_DEFAULT ? max : b.targetMemkb();
        long video = b.videoMemkb() == PvBuild.MEMKB_DEFAULT ? 0 : b.videoMemkb();
        int maxVcpus = b.maxVcpus() == 0 ? 1 : b.maxVcpus();
        boolean hap = config.cInfo().hap().valueOr(capHap);
        long shadow = b.shadowMemkb() == PvBuild.MEMKB_DEFAULT ? requiredPagingMemoryKb(max, maxVcpus, hap)
                : b.shadowMemkb();
        BitSet avail = b.availVcpus();
        if (avail == null || avail.isEmpty()) {
            avail = new BitSet();
            avail.set(0, maxVcpus);
        }
        int grantVersion = b.maxGrantVersion() == (int) DomainBuildInfo.MAX_GRANT_DEFAULT
                ? (gnttabV2 ? 2 : 1) : b.maxGrantVersion();
        String uuidText = config.cInfo().uuid();
        UUID uuid = uuidText == null ? new UUID(0, 0) : UUID.fromString(uuidText);
        TimerMode timer = b.timerMode() == TimerMode.UNKNOWN ? TimerMode.NO_DELAY_FOR_MISSED_TICKS : b.timerMode();
        AltP2mMode altp2m = b.altp2m() == null ? AltP2mMode.DISABLED : b.altp2m();
        return new PvhBuild(config.cInfo().name(), uuid, b.kernel(), b.ramdisk(), b.cmdline(), max, target, video,
                shadow, maxVcpus, avail, b.eventChannels() == 0 ? 1023 : (int) b.eventChannels(),
                (int) b.maxGrantFrames(), (int) b.maxMaptrackFrames(), grantVersion, b.tscMode().value(),
                b.disableMigrate().valueOr(false), b.claimMode().valueOr(false), (int) config.cInfo().poolid(),
                hap, config.cInfo().oos().valueOr(true), b.nestedHvm().valueOr(false), b.vpmu().valueOr(false),
                b.msrRelaxed().valueOr(false), timer.value(), altp2m.value(), b.acpi().valueOr(true),
                b.apic().valueOr(true));
    }

    /**
     * libxl__get_required_paging_memory for a non-PV guest on x86: 256 pages per vCPU, plus
     * one page per MiB of RAM for the P2M, plus another per MiB without HAP (shadow).
     */
    static long requiredPagingMemoryKb(long maxMemKb, int vcpus, boolean hap) {
        return 4 * (256L * vcpus + (1 + (hap ? 0 : 1)) * (maxMemKb / 1024));
    }
}
