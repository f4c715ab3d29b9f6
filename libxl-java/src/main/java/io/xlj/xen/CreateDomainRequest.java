package io.xlj.xen;

import java.util.Objects;
import java.util.UUID;

/**
 * The input of {@code xc_domain_create}: everything {@code struct xen_domctl_createdomain}
 * carries, plus the requested domid (0 = the next free one).
 *
 * <p>The factories use libxl's defaults (libxl_create.c, libxl_x86.c): 1023 event
 * channel ports, hypervisor-default grant/maptrack frames (-1), grant table v1 unless
 * asked for more, and per-type emulation flags.
 */
public record CreateDomainRequest(int domid, UUID uuid, int flags, int maxVcpus, int maxEvtchnPort,
                                  int maxGrantFrames, int maxMaptrackFrames, int maxGrantVersion, int ssidref,
                                  int iommuOpts, int vmtraceSize, int cpupoolId, int emulationFlags,
                                  int miscFlags) {

    /** libxl's default {@code event_channels}. */
    public static final int DEFAULT_MAX_EVTCHN_PORT = 1023;

    public CreateDomainRequest {
        Objects.requireNonNull(uuid, "uuid");
        if (maxVcpus < 1) {
            throw new IllegalArgumentException("maxVcpus must be at least 1, not " + maxVcpus);
        }
        if (maxGrantVersion < 1 || maxGrantVersion > XenConstants.XEN_DOMCTL_GRANT_version_mask) {
            throw new IllegalArgumentException("maxGrantVersion out of range: " + maxGrantVersion);
        }
    }

    /** A PV guest: no emulation. */
    public static CreateDomainRequest pv(UUID uuid, int maxVcpus) {
        return new CreateDomainRequest(0, uuid, 0, maxVcpus, DEFAULT_MAX_EVTCHN_PORT, -1, -1, 1, 0, 0, 0, 0, 0, 0);
    }

    /** A PVH guest: HVM container with HAP and only the local APIC emulated. */
    public static CreateDomainRequest pvh(UUID uuid, int maxVcpus) {
        return new CreateDomainRequest(0, uuid, XenConstants.XEN_DOMCTL_CDF_hvm | XenConstants.XEN_DOMCTL_CDF_hap,
                maxVcpus, DEFAULT_MAX_EVTCHN_PORT, -1, -1, 1, 0, 0, 0, 0, XenConstants.XEN_X86_EMU_LAPIC, 0);
    }

    /** An HVM guest: HAP, everything emulated but vPCI. */
    public static CreateDomainRequest hvm(UUID uuid, int maxVcpus) {
        return new CreateDomainRequest(0, uuid, XenConstants.XEN_DOMCTL_CDF_hvm | XenConstants.XEN_DOMCTL_CDF_hap,
                maxVcpus, DEFAULT_MAX_EVTCHN_PORT, -1, -1, 1, 0, 0, 0, 0,
                XenConstants.XEN_X86_EMU_ALL & ~XenConstants.XEN_X86_EMU_VPCI, 0);
    }

    public CreateDomainRequest withDomid(int newDomid) {
        return new CreateDomainRequest(newDomid, uuid, flags, maxVcpus, maxEvtchnPort, maxGrantFrames,
                maxMaptrackFrames, maxGrantVersion, ssidref, iommuOpts, vmtraceSize, cpupoolId, emulationFlags,
                miscFlags);
    }

    public CreateDomainRequest withMaxGrantVersion(int version) {
        return new CreateDomainRequest(domid, uuid, flags, maxVcpus, maxEvtchnPort, maxGrantFrames,
                maxMaptrackFrames, version, ssidref, iommuOpts, vmtraceSize, cpupoolId, emulationFlags, miscFlags);
    }

    /** The C struct, ready for the call. */
    xen_domctl_createdomain toStruct() {
        xen_domctl_createdomain c = new xen_domctl_createdomain();
        c.ssidref = ssidref;
        c.handle = DomainInfo.handleOf(uuid);
        c.flags = flags;
        c.iommu_opts = iommuOpts;
        c.max_vcpus = maxVcpus;
        c.max_evtchn_port = maxEvtchnPort;
        c.max_grant_frames = maxGrantFrames;
        c.max_maptrack_frames = maxMaptrackFrames;
        c.grant_opts = maxGrantVersion;
        c.vmtrace_size = vmtraceSize;
        c.cpupool_id = cpupoolId;
        c.arch.emulation_flags = emulationFlags;
        c.arch.misc_flags = miscFlags;
        return c;
    }
}
