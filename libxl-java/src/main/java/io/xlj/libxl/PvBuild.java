package io.xlj.libxl;

import io.xlj.config.model.DomainBuildInfo;
import io.xlj.config.model.DomainConfig;
import io.xlj.config.model.DomainType;
import io.xlj.config.model.PvBuildInfo;
import io.xlj.config.model.TscMode;
import java.util.BitSet;
import java.util.Objects;
import java.util.UUID;

/**
 * What building one PV guest needs, after libxl 4.17's setdefault
 * ({@code libxl__domain_build_info_setdefault}, PV branch): memory in KiB with max_memkb
 * defaulting to 32 MiB and target to max, no video or slack memory, at least one vCPU with
 * vCPU 0 available, 1023 event channel ports, grant table v2 where the host offers it.
 *
 * @param kernel  the config's kernel: what is booted without a bootloader, a hint to one; null
 *                when a bootloader finds the kernel ({@link Bootloader})
 * @param cmdline the kernel command line as xl built it (root= and extra= joined), or null
 */
public record PvBuild(String name, UUID uuid, String kernel, String ramdisk, String cmdline, long maxMemKb,
                      long targetMemKb, long slackMemKb, long videoMemKb, int maxVcpus, BitSet availVcpus,
                      int eventChannels, int maxGrantFrames, int maxMaptrackFrames, int maxGrantVersion,
                      int tscMode, boolean disableMigrate, boolean claimMode, int poolid) {

    static final long MEMKB_DEFAULT = -1L;
    /** LIBXL_MAXMEM_CONSTANT: the KiB libxl adds to maxmem for the PV grant/ring pages. */
    static final long MAXMEM_CONSTANT_KB = 1024;

    public PvBuild {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        availVcpus = (BitSet) availVcpus.clone();
    }

    /**
     * The PV build of an xl-parsed config.
     *
     * @param gnttabV2 whether the hypervisor offers grant table v2 (physinfo)
     * @throws ToolstackException for what this toolstack cannot build yet, with xl-like words
     */
    public static PvBuild of(DomainConfig config, boolean gnttabV2) {
        DomainBuildInfo b = config.bInfo();
        if (config.cInfo().type() != DomainType.PV || !(b.u() instanceof PvBuildInfo pv)) {
            throw new ToolstackException("config", null, "only PV guests can be created yet (type is "
                    + config.cInfo().type().libxlName() + ")");
        }
        if (config.cInfo().name() == null || config.cInfo().name().isEmpty()) {
            throw new ToolstackException("config", null, "the domain has no name");
        }
        if (b.kernel() == null && b.bootloader() == null) {
            // xl refuses such a config itself ("Neither kernel nor bootloader specified").
            throw new ToolstackException("config", null, "neither kernel nor bootloader given");
        }
        UnbuiltDevices.refuse(config, "PV");
        if (b.tscMode() == TscMode.NATIVE_PARAVIRT) {
            throw new ToolstackException("config", null,
                    "TSC Mode native_paravirt (a.k.a PVRDTSCP) has been removed");
        }
        long max = b.maxMemkb() == MEMKB_DEFAULT ? 32 * 1024 : b.maxMemkb();
        long target = b.targetMemkb() == MEMKB_DEFAULT ? max : b.targetMemkb();
        long slack = pv.slackMemkb() == MEMKB_DEFAULT ? 0 : pv.slackMemkb();
        long video = b.videoMemkb() == MEMKB_DEFAULT ? 0 : b.videoMemkb();
        int maxVcpus = b.maxVcpus() == 0 ? 1 : b.maxVcpus();
        BitSet avail = b.availVcpus();
        if (avail == null || avail.isEmpty()) {
            avail = new BitSet();
            avail.set(0);
        }
        int grantVersion = b.maxGrantVersion() == (int) DomainBuildInfo.MAX_GRANT_DEFAULT
                ? (gnttabV2 ? 2 : 1) : b.maxGrantVersion();
        String uuidText = config.cInfo().uuid();
        UUID uuid = uuidText == null ? new UUID(0, 0) : UUID.fromString(uuidText);
        return new PvBuild(config.cInfo().name(), uuid, b.kernel(), b.ramdisk(), b.cmdline(), max, target, slack,
                video, maxVcpus, avail, b.eventChannels() == 0 ? 1023 : (int) b.eventChannels(),
                (int) b.maxGrantFrames(), (int) b.maxMaptrackFrames(), grantVersion, b.tscMode().value(),
                b.disableMigrate().valueOr(false), b.claimMode().valueOr(false), (int) config.cInfo().poolid());
    }
}
