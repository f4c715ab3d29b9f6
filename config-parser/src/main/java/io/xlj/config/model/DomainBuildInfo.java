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
        LibxlJson.Writable cpuid, String blkdevStart, List<VnodeInfo> vnumaNodes, long maxGrantFrames,
        long maxMaptrackFrames, int maxGrantVersion, DeviceModelVersion deviceModelVersion,
        Defbool deviceModelStubdomain, long stubdomainMemkb, String stubdomainKernel,
        String stubdomainCmdline, String stubdomainRamdisk, String deviceModel, long deviceModelSsidref,
        String deviceModelSsidLabel, String deviceModelUser, List<String> extra, List<String> extraPv,
        List<String> extraHvm, DomainSchedParams schedParams, List<IoportRange> ioports, List<Long> irqs,
        List<IomemRange> iomem, Defbool claimMode, long eventChannels, String kernel, String cmdline,
        String ramdisk, String deviceTree, Defbool acpi, String bootloader, List<String> bootloaderArgs,
        TimerMode timerMode, Defbool nestedHvm, Defbool apic, Defbool dmRestrict, TeeType tee,
        TypeInfo u, GicVersion gicVersion, VuartType vuart, Defbool msrRelaxed, AltP2mMode altp2m,
        int vmtraceBufKb, Defbool vpmu) implements LibxlJson.Writable {

    /** LIBXL_MAX_GRANT_DEFAULT, (uint32_t)~0. */
    public static final long MAX_GRANT_DEFAULT = 0xffffffffL;

    public DomainType type() {
        return u.type();
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        LibxlJson.integer(w, "max_vcpus", maxVcpus, 0);
        LibxlJson.bitmap(w, "avail_vcpus", availVcpus);
        LibxlJson.bitmap(w, "cpumap", cpumap);
        LibxlJson.bitmap(w, "nodemap", nodemap);
        LibxlJson.bitmapArray(w, "vcpu_hard_affinity", vcpuHardAffinity);
        LibxlJson.bitmapArray(w, "vcpu_soft_affinity", vcpuSoftAffinity);
        LibxlJson.defbool(w, "numa_placement", numaPlacement);
        LibxlJson.enumeration(w, "tsc_mode", tscMode, TscMode.DEFAULT);
        LibxlJson.uint64(w, "max_memkb", maxMemkb, LibxlJson.U64_DEFAULT);
        LibxlJson.uint64(w, "target_memkb", targetMemkb, LibxlJson.U64_DEFAULT);
        LibxlJson.uint64(w, "video_memkb", videoMemkb, LibxlJson.U64_DEFAULT);
        LibxlJson.uint64(w, "shadow_memkb", shadowMemkb, LibxlJson.U64_DEFAULT);
        LibxlJson.uint64(w, "iommu_memkb", iommuMemkb, LibxlJson.U64_DEFAULT);
        LibxlJson.uint32(w, "rtc_timeoffset", rtcTimeoffset, 0);
        LibxlJson.uint32(w, "exec_ssidref", execSsidref, 0);
        LibxlJson.string(w, "exec_ssid_label", execSsidLabel);
        LibxlJson.defbool(w, "localtime", localtime);
        LibxlJson.defbool(w, "disable_migrate", disableMigrate);
        if (cpuid != null) {
            w.key("cpuid");
            cpuid.writeJson(w);
        }
        LibxlJson.string(w, "blkdev_start", blkdevStart);
        LibxlJson.array(w, "vnuma_nodes", vnumaNodes);
        LibxlJson.uint32(w, "max_grant_frames", maxGrantFrames, MAX_GRANT_DEFAULT);
        LibxlJson.uint32(w, "max_maptrack_frames", maxMaptrackFrames, MAX_GRANT_DEFAULT);
        LibxlJson.integer(w, "max_grant_version", maxGrantVersion, (int) MAX_GRANT_DEFAULT);
        LibxlJson.enumeration(w, "device_model_version", deviceModelVersion, DeviceModelVersion.UNKNOWN);
        LibxlJson.defbool(w, "device_model_stubdomain", deviceModelStubdomain);
        LibxlJson.uint64(w, "stubdomain_memkb", stubdomainMemkb, LibxlJson.U64_DEFAULT);
        LibxlJson.string(w, "stubdomain_kernel", stubdomainKernel);
        LibxlJson.string(w, "stubdomain_cmdline", stubdomainCmdline);
        LibxlJson.string(w, "stubdomain_ramdisk", stubdomainRamdisk);
        LibxlJson.string(w, "device_model", deviceModel);
        LibxlJson.uint32(w, "device_model_ssidref", deviceModelSsidref, 0);
        LibxlJson.string(w, "device_model_ssid_label", deviceModelSsidLabel);
        LibxlJson.string(w, "device_model_user", deviceModelUser);
        LibxlJson.stringList(w, "extra", extra);
        LibxlJson.stringList(w, "extra_pv", extraPv);
        LibxlJson.stringList(w, "extra_hvm", extraHvm);
        w.key("sched_params");
        schedParams.writeJson(w);
        LibxlJson.array(w, "ioports", ioports);
        LibxlJson.uint32Array(w, "irqs", irqs);
        LibxlJson.array(w, "iomem", iomem);
        LibxlJson.defbool(w, "claim_mode", claimMode);
        LibxlJson.uint32(w, "event_channels", eventChannels, 0);
        LibxlJson.string(w, "kernel", kernel);
        LibxlJson.string(w, "cmdline", cmdline);
        LibxlJson.string(w, "ramdisk", ramdisk);
        LibxlJson.string(w, "device_tree", deviceTree);
        LibxlJson.defbool(w, "acpi", acpi);
        LibxlJson.string(w, "bootloader", bootloader);
        LibxlJson.stringList(w, "bootloader_args", bootloaderArgs);
        LibxlJson.enumeration(w, "timer_mode", timerMode, TimerMode.UNKNOWN);
        LibxlJson.defbool(w, "nested_hvm", nestedHvm);
        LibxlJson.defbool(w, "apic", apic);
        LibxlJson.defbool(w, "dm_restrict", dmRestrict);
        LibxlJson.enumeration(w, "tee", tee, TeeType.NONE);
        w.key("type." + u.type().libxlName());
        u.writeJson(w);
        w.key("arch_arm").beginObject();
        LibxlJson.enumeration(w, "gic_version", gicVersion, GicVersion.DEFAULT);
        LibxlJson.enumeration(w, "vuart", vuart, VuartType.UNKNOWN);
        w.endObject();
        w.key("arch_x86").beginObject();
        LibxlJson.defbool(w, "msr_relaxed", msrRelaxed);
        w.endObject();
        LibxlJson.enumeration(w, "altp2m", altp2m, AltP2mMode.DISABLED);
        LibxlJson.integer(w, "vmtrace_buf_kb", vmtraceBufKb, 0);
        LibxlJson.defbool(w, "vpmu", vpmu);
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
        public long maxMemkb = LibxlJson.U64_DEFAULT;
        public long targetMemkb = LibxlJson.U64_DEFAULT;
        public long videoMemkb = LibxlJson.U64_DEFAULT;
        public long shadowMemkb = LibxlJson.U64_DEFAULT;
        public long iommuMemkb = LibxlJson.U64_DEFAULT;
        public long rtcTimeoffset;
        public long execSsidref;
        public String execSsidLabel;
        public Defbool localtime = Defbool.DEFAULT;
        public Defbool disableMigrate = Defbool.DEFAULT;
        public LibxlJson.Writable cpuid;
        public String blkdevStart;
        public List<VnodeInfo> vnumaNodes = new ArrayList<>();
        public long maxGrantFrames = MAX_GRANT_DEFAULT;
        public long maxMaptrackFrames = MAX_GRANT_DEFAULT;
        public int maxGrantVersion = (int) MAX_GRANT_DEFAULT;
        public DeviceModelVersion deviceModelVersion = DeviceModelVersion.UNKNOWN;
        public Defbool deviceModelStubdomain = Defbool.DEFAULT;
        public long stubdomainMemkb = LibxlJson.U64_DEFAULT;
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
