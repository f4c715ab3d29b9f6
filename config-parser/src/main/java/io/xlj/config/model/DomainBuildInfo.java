package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * libxl_domain_build_info (d_config.b_info), components in IDL order. MemKB fields are
 * C uint64s whose default is all ones (-1L here); uint32 fields are kept in a long and
 * printed unsigned. {@code cpuid} is the libxl_cpuid_policy_list (null when empty).
 */
public record DomainBuildInfo(
        int maxVcpus, BitSet availVcpus, BitSet cpumap, BitSet nodemap, List<BitSet> vcpuHardAffinity,
        List<BitSet> vcpuSoftAffinity, Defbool numaPlacement, TscMode tscMode, long maxMemkb,
        long targetMemkb, long videoMemkb, long shadowMemkb, long iommuMemkb, long rtcTimeoffset,
        long execSsidref, String execSsidLabel, Defbool localtime, Defbool disableMigrate,
        LibxlJson cpuid, String blkdevStart, List<VnodeInfo> vnumaNodes, long maxGrantFrames,
        long maxMaptrackFrames, int maxGrantVersion, DeviceModelVersion deviceModelVersion,
        Defbool deviceModelStubdomain, long stubdomainMemkb, String stubdomainKernel,
        String stubdomainCmdline, String stubdomainRamdisk, String deviceModel, long deviceModelSsidref,
        String deviceModelSsidLabel, String deviceModelUser, List<String> extra, List<String> extraPv,
        List<String> extraHvm, DomainSchedParams schedParams, List<IoportRange> ioports, List<Long> irqs,
        List<IomemRange> iomem, Defbool claimMode, long eventChannels, String kernel, String cmdline,
        String ramdisk, String deviceTree, Defbool acpi, String bootloader, List<String> bootloaderArgs,
        TimerMode timerMode, Defbool nestedHvm, Defbool apic, Defbool dmRestrict, TeeType tee,
        TypeInfo u, GicVersion gicVersion, VuartType vuart, Defbool msrRelaxed, AltP2mMode altp2m,
        int vmtraceBufKb, Defbool vpmu) implements LibxlJson {

    /** LIBXL_MAX_GRANT_DEFAULT, (uint32_t)~0. */
    public static final long MAX_GRANT_DEFAULT = 0xffffffffL;

    public DomainType type() {
        return u.type();
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        IdlJson.integer(w, "max_vcpus", maxVcpus, 0);
        IdlJson.bitmap(w, "avail_vcpus", availVcpus);
        IdlJson.bitmap(w, "cpumap", cpumap);
        IdlJson.bitmap(w, "nodemap", nodemap);
        IdlJson.bitmapArray(w, "vcpu_hard_affinity", vcpuHardAffinity);
        IdlJson.bitmapArray(w, "vcpu_soft_affinity", vcpuSoftAffinity);
        IdlJson.defbool(w, "numa_placement", numaPlacement);
        IdlJson.enumeration(w, "tsc_mode", tscMode, TscMode.DEFAULT);
        IdlJson.uint64(w, "max_memkb", maxMemkb, IdlJson.U64_DEFAULT);
        IdlJson.uint64(w, "target_memkb", targetMemkb, IdlJson.U64_DEFAULT);
        IdlJson.uint64(w, "video_memkb", videoMemkb, IdlJson.U64_DEFAULT);
        IdlJson.uint64(w, "shadow_memkb", shadowMemkb, IdlJson.U64_DEFAULT);
        IdlJson.uint64(w, "iommu_memkb", iommuMemkb, IdlJson.U64_DEFAULT);
        IdlJson.uint32(w, "rtc_timeoffset", rtcTimeoffset, 0);
        IdlJson.uint32(w, "exec_ssidref", execSsidref, 0);
        IdlJson.string(w, "exec_ssid_label", execSsidLabel);
        IdlJson.defbool(w, "localtime", localtime);
        IdlJson.defbool(w, "disable_migrate", disableMigrate);
        if (cpuid != null) {
            w.key("cpuid");
            cpuid.writeJson(w);
        }
        IdlJson.string(w, "blkdev_start", blkdevStart);
        IdlJson.array(w, "vnuma_nodes", vnumaNodes);
        IdlJson.uint32(w, "max_grant_frames", maxGrantFrames, MAX_GRANT_DEFAULT);
        IdlJson.uint32(w, "max_maptrack_frames", maxMaptrackFrames, MAX_GRANT_DEFAULT);
        IdlJson.integer(w, "max_grant_version", maxGrantVersion, (int) MAX_GRANT_DEFAULT);
        IdlJson.enumeration(w, "device_model_version", deviceModelVersion, DeviceModelVersion.UNKNOWN);
        IdlJson.defbool(w, "device_model_stubdomain", deviceModelStubdomain);
        IdlJson.uint64(w, "stubdomain_memkb", stubdomainMemkb, IdlJson.U64_DEFAULT);
        IdlJson.string(w, "stubdomain_kernel", stubdomainKernel);
        IdlJson.string(w, "stubdomain_cmdline", stubdomainCmdline);
        IdlJson.string(w, "stubdomain_ramdisk", stubdomainRamdisk);
        IdlJson.string(w, "device_model", deviceModel);
        IdlJson.uint32(w, "device_model_ssidref", deviceModelSsidref, 0);
        IdlJson.string(w, "device_model_ssid_label", deviceModelSsidLabel);
        IdlJson.string(w, "device_model_user", deviceModelUser);
        IdlJson.stringList(w, "extra", extra);
        IdlJson.stringList(w, "extra_pv", extraPv);
        IdlJson.stringList(w, "extra_hvm", extraHvm);
        w.key("sched_params");
        schedParams.writeJson(w);
        IdlJson.array(w, "ioports", ioports);
        IdlJson.uint32Array(w, "irqs", irqs);
        IdlJson.array(w, "iomem", iomem);
        IdlJson.defbool(w, "claim_mode", claimMode);
        IdlJson.uint32(w, "event_channels", eventChannels, 0);
        IdlJson.string(w, "kernel", kernel);
        IdlJson.string(w, "cmdline", cmdline);
        IdlJson.string(w, "ramdisk", ramdisk);
        IdlJson.string(w, "device_tree", deviceTree);
        IdlJson.defbool(w, "acpi", acpi);
        IdlJson.string(w, "bootloader", bootloader);
        IdlJson.stringList(w, "bootloader_args", bootloaderArgs);
        IdlJson.enumeration(w, "timer_mode", timerMode, TimerMode.UNKNOWN);
        IdlJson.defbool(w, "nested_hvm", nestedHvm);
        IdlJson.defbool(w, "apic", apic);
        IdlJson.defbool(w, "dm_restrict", dmRestrict);
        IdlJson.enumeration(w, "tee", tee, TeeType.NONE);
        w.key("type." + u.type().libxlName());
        u.writeJson(w);
        w.key("arch_arm").beginObject();
        IdlJson.enumeration(w, "gic_version", gicVersion, GicVersion.DEFAULT);
        IdlJson.enumeration(w, "vuart", vuart, VuartType.UNKNOWN);
        w.endObject();
        w.key("arch_x86").beginObject();
        IdlJson.defbool(w, "msr_relaxed", msrRelaxed);
        w.endObject();
        IdlJson.enumeration(w, "altp2m", altp2m, AltP2mMode.DISABLED);
        IdlJson.integer(w, "vmtrace_buf_kb", vmtraceBufKb, 0);
        IdlJson.defbool(w, "vpmu", vpmu);
        w.endObject();
    }

    /** Mutable twin used while parsing; starts as libxl_domain_build_info_init leaves it. */
    public static final class Builder {
        public int maxVcpus;
        public BitSet availVcpus = new BitSet();
        public BitSet cpumap = new BitSet();
        public BitSet nodemap = new BitSet();
        public List<BitSet> vcpuHardAffinity = new ArrayList<>();
        public List<BitSet> vcpuSoftAffinity = new ArrayList<>();
        public Defbool numaPlacement = Defbool.DEFAULT;
        public TscMode tscMode = TscMode.DEFAULT;
        public long maxMemkb = IdlJson.U64_DEFAULT;
        public long targetMemkb = IdlJson.U64_DEFAULT;
        public long videoMemkb = IdlJson.U64_DEFAULT;
        public long shadowMemkb = IdlJson.U64_DEFAULT;
        public long iommuMemkb = IdlJson.U64_DEFAULT;
        public long rtcTimeoffset;
        public long execSsidref;
        public String execSsidLabel;
        public Defbool localtime = Defbool.DEFAULT;
        public Defbool disableMigrate = Defbool.DEFAULT;
        public LibxlJson cpuid;
        public String blkdevStart;
        public List<VnodeInfo> vnumaNodes = new ArrayList<>();
        public long maxGrantFrames = MAX_GRANT_DEFAULT;
        public long maxMaptrackFrames = MAX_GRANT_DEFAULT;
        public int maxGrantVersion = (int) MAX_GRANT_DEFAULT;
        public DeviceModelVersion deviceModelVersion = DeviceModelVersion.UNKNOWN;
        public Defbool deviceModelStubdomain = Defbool.DEFAULT;
        public long stubdomainMemkb = IdlJson.U64_DEFAULT;
        public String stubdomainKernel;
        public String stubdomainCmdline;
        public String stubdomainRamdisk;
        public String deviceModel;
        public long deviceModelSsidref;
        public String deviceModelSsidLabel;
        public String deviceModelUser;
        public List<String> extra = List.of();
        public List<String> extraPv = List.of();
        public List<String> extraHvm = List.of();
        public DomainSchedParams schedParams = DomainSchedParams.defaults();
        public List<IoportRange> ioports = new ArrayList<>();
        public List<Long> irqs = new ArrayList<>();
        public List<IomemRange> iomem = new ArrayList<>();
        public Defbool claimMode = Defbool.DEFAULT;
        public long eventChannels;
        public String kernel;
        public String cmdline;
        public String ramdisk;
        public String deviceTree;
        public Defbool acpi = Defbool.DEFAULT;
        public String bootloader;
        public List<String> bootloaderArgs = List.of();
        public TimerMode timerMode = TimerMode.UNKNOWN;
        public Defbool nestedHvm = Defbool.DEFAULT;
        public Defbool apic = Defbool.DEFAULT;
        public Defbool dmRestrict = Defbool.DEFAULT;
        public TeeType tee = TeeType.NONE;
        public TypeInfo u = new TypeInfo.Invalid();
        public GicVersion gicVersion = GicVersion.DEFAULT;
        public VuartType vuart = VuartType.UNKNOWN;
        public Defbool msrRelaxed = Defbool.DEFAULT;
        public AltP2mMode altp2m = AltP2mMode.DISABLED;
        public int vmtraceBufKb;
        public Defbool vpmu = Defbool.DEFAULT;

        public DomainBuildInfo build() {
            return new DomainBuildInfo(maxVcpus, (BitSet) availVcpus.clone(), (BitSet) cpumap.clone(),
                    (BitSet) nodemap.clone(), List.copyOf(vcpuHardAffinity), List.copyOf(vcpuSoftAffinity),
                    numaPlacement, tscMode, maxMemkb, targetMemkb, videoMemkb, shadowMemkb, iommuMemkb,
                    rtcTimeoffset, execSsidref, execSsidLabel, localtime, disableMigrate, cpuid, blkdevStart,
                    List.copyOf(vnumaNodes), maxGrantFrames, maxMaptrackFrames, maxGrantVersion,
                    deviceModelVersion, deviceModelStubdomain, stubdomainMemkb, stubdomainKernel,
                    stubdomainCmdline, stubdomainRamdisk, deviceModel, deviceModelSsidref,
                    deviceModelSsidLabel, deviceModelUser, List.copyOf(extra), List.copyOf(extraPv),
                    List.copyOf(extraHvm), schedParams, List.copyOf(ioports), List.copyOf(irqs),
                    List.copyOf(iomem), claimMode, eventChannels, kernel, cmdline, ramdisk, deviceTree, acpi,
                    bootloader, List.copyOf(bootloaderArgs), timerMode, nestedHvm, apic, dmRestrict, tee, u,
                    gicVersion, vuart, msrRelaxed, altp2m, vmtraceBufKb, vpmu);
        }
    }
}
