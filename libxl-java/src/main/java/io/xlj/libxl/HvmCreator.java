package io.xlj.libxl;

import io.xlj.config.model.DomainConfig;
import io.xlj.libxl.device.ChannelDevices;
import io.xlj.libxl.device.DeviceKind;
import io.xlj.libxl.device.DeviceSpec;
import io.xlj.libxl.device.DeviceXenstore;
import io.xlj.libxl.device.DiskDevices;
import io.xlj.libxl.device.NicDevices;
import io.xlj.xen.CreateDomainRequest;
import io.xlj.xen.E820Entry;
import io.xlj.xen.XenConstants;
import io.xlj.xen.XenCtrl;
import io.xlj.xen.XcDomImage;
import io.xlj.xen.XenDomBuilder;
import io.xlj.xenstore.XenstoreClient;
import io.xlj.xenstore.XenstoreOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one HVM guest in libxl 4.17's order and leaves it paused with its device model
 * running: libxl__domain_make (HVM container, everything but vPCI emulated, the HVM-only
 * nodes), libxl__build_pre (limits, event channels, HPET/vpt_align/timer/altp2m params, TSC,
 * paging pool, CPUID), libxl__build_hvm (hvmloader as the image, SeaBIOS as its firmware
 * module, the memory map with the MMIO hole, the hvm_info table), libxl__domain_build's
 * platform entries, libxl__build_post, the disks, console 0 and the vkb device, the device
 * model ({@link DeviceModel}) with the disks and nics it emulates, the nics, and the userdata
 * file. Any failure after {@code xc_domain_create}
 * kills the device model and tears the domain down.
 */
final class HvmCreator extends GuestCreator<HvmBuild> {

    private static final Logger LOG = LoggerFactory.getLogger(HvmCreator.class);

    HvmCreator(XenCtrl xc, XenstoreClient xs, Userdata userdata, DomainDestroyer destroyer, DomidHistory history) {
        super(xc, xs, userdata, destroyer, history);
    }

    @Override
    CreateDomainRequest request(HvmBuild b) {
        return new CreateDomainRequest(0, b.uuid(), b.createFlags(), b.maxVcpus(),
                b.eventChannels(), b.maxGrantFrames(), b.maxMaptrackFrames(), b.maxGrantVersion(), 0, 0, 0,
                b.poolid(), HvmBuild.emulationFlags(), b.msrRelaxed() ? XenConstants.XEN_X86_MSR_RELAXED : 0);
    }

    @Override
    UUID uuid(HvmBuild b) {
        return b.uuid();
    }

    @Override
    void build(DomainConfig config, HvmBuild b, int domid) {
        enter("xenstore skeleton", domid);
        xs.runInTransaction(t -> {
            t.pipelineWrites();
            DomainXenstore.skeleton(t, domid, b.uuid(), b.name(), "hvm", orEmpty(config.cInfo().xsdata()),
                    orEmpty(config.cInfo().platformdata()));
            return null;
        });

        // initiate_domain_create: disk and nic defaults (nics are emulated unless type=vif).
        List<NicDevices.Resolved> nics = deviceDefaults(config, domid, true);

        // libxl__build_pre
        enter("xc_domain_max_vcpus", domid);
        xc.setMaxVcpus(domid, b.maxVcpus());
        enter("xc_domain_setmaxmem", domid);
        xc.setMaxMemKb(domid, b.targetMemKb() + PvBuild.MAXMEM_CONSTANT_KB);
        enter("xenstore /tool", domid);
        ToolDomids tools = toolDomids();
        int storeDomid = tools.xenstored();
        int consoleDomid = tools.xenconsoled();
        enter("xc_evtchn_alloc_unbound", domid);
        int storePort = xc.evtchnAllocUnbound(domid, storeDomid);
        int consolePort = xc.evtchnAllocUnbound(domid, consoleDomid);
        // libxl__arch_domain_create: hvm_set_conf_params, then hvm_set_viridian_features
        enter("HVM_PARAM_HPET_ENABLED", domid);
        xc.setHvmParam(domid, XenConstants.HVM_PARAM_HPET_ENABLED, b.hpet() ? 1 : 0);
        enter("HVM_PARAM_VPT_ALIGN", domid);
        xc.setHvmParam(domid, XenConstants.HVM_PARAM_VPT_ALIGN, b.vptAlign() ? 1 : 0);
        if (b.mcaCaps() != 0) {
            enter("HVM_PARAM_MCA_CAP", domid);
            xc.setHvmParam(domid, XenConstants.HVM_PARAM_MCA_CAP, b.mcaCaps());
        }
        enter("HVM_PARAM_TIMER_MODE", domid);
        xc.setHvmParam(domid, XenConstants.HVM_PARAM_TIMER_MODE, b.timerMode());
        enter("HVM_PARAM_ALTP2M", domid);
        xc.setHvmParam(domid, XenConstants.HVM_PARAM_ALTP2M, b.altp2m());
        enter("hvm_set_viridian_features", domid);
        long viridian = ViridianFeatures.mask((io.xlj.config.model.HvmBuildInfo) config.bInfo().u(), domid);
        if (viridian != 0) {
            xc.setHvmParam(domid, XenConstants.HVM_PARAM_VIRIDIAN, viridian);
        }
        enter("xc_domain_set_tsc_info", domid);
        xc.setTscInfo(domid, b.tscMode(), 0, 0, 0);
        enter("xc_set_paging_mempool_size", domid);
        xc.setPagingMempoolSize(domid, b.shadowMemKb() << 10);
        enter("xc_cpuid_apply_policy", domid);
        boolean itsc = b.disableMigrate() || b.tscMode() == 1;
        xc.cpuidApplyPolicy(domid, false, b.pae(), itsc, b.nestedHvm());

        Instant start = Instant.now();
        String startTime = start.getEpochSecond() + "." + String.format("%02d", start.getNano() / 10_000_000);

        // libxl__build_hvm
        HvmMemoryLayout layout = HvmMemoryLayout.of(b.maxMemKb(), b.targetMemKb(), b.videoMemKb(), b.mmioHoleKb(),
                true);
        long storePfn;
        long consolePfn;
        long smbiosAddress;
        long acpiAddress;
        int smbiosLength = 0;
        int acpiLength = 0;
        enter("xc_dom_allocate", domid);
        try (XenDomBuilder dom = xc.domBuilder(b.cmdline(), null)) {
            dom.containerType(XenConstants.XC_DOM_HVM_CONTAINER);
            dom.claimEnabled(b.claimMode());
            // libxl__domain_firmware: hvmloader is the image, the BIOS its module.
            enter("libxl__domain_firmware", domid);
            dom.kernelFile(b.hvmloader());
            enter("libxl__load_hvm_firmware_module", domid);
            dom.systemFirmware(readFirmware(b.biosFile(), "BIOS", domid));
            // Empty files are accepted and ignored, as libxl does.
            if (b.smbiosFirmware() != null) {
                byte[] smbios = readTableFile(b.smbiosFirmware(), "SMBIOS", 990, domid);
                if (smbios.length > 0) {
                    dom.smbiosModule(smbios);
                    smbiosLength = smbios.length;
                }
            }
            if (b.acpiFirmware() != null) {
                byte[] acpi = readTableFile(b.acpiFirmware(), "ACPI", 1009, domid);
                if (acpi.length > 0) {
                    dom.acpiModule(0, acpi, 0);
                    acpiLength = acpi.length;
                }
            }
            dom.hvmMemoryLayout(layout.targetPages(), layout.mmioStart(), layout.mmioSize(), layout.lowmemEnd(),
                    layout.highmemEnd(), layout.vgaHoleSize(), true);
            dom.maxVcpus(b.maxVcpus());
            dom.setConsole(consolePort, consoleDomid);
            dom.setXenstore(storePort, storeDomid);

            // libxl__build_dom
            enter("xc_dom_boot_xen_init", domid);
            dom.bootXenInit(domid);
            enter("xc_dom_parse_image", domid);
            dom.parseImage();
            enter("xc_dom_mem_init", domid);
            dom.memInit((int) ((b.maxMemKb() - b.videoMemKb()) / 1024));
            enter("xc_dom_boot_mem_init", domid);
            dom.bootMemInit();
            // libxl__arch_domain_finalise_hw_description: the memory map (no ACPI modules).
            enter("xc_domain_set_memory_map", domid);
            List<E820Entry> e820 = layout.e820(false, List.of());
            xc.setMemoryMap(domid, e820);
            dom.e820(e820);
            enter("xc_dom_build_image", domid);
            dom.buildImage();
            enter("xc_dom_boot_image", domid);
            dom.bootImage();
            enter("xc_dom_gnttab_init", domid);
            dom.gnttabInit();
            consolePfn = dom.consolePfn();
            storePfn = dom.xenstorePfn();
            smbiosAddress = dom.moduleGuestAddress(XcDomImage.Field.SMBIOS_MODULE, 0);
            acpiAddress = dom.moduleGuestAddress(XcDomImage.Field.ACPI_MODULES, 0);
        }
        enter("hvm_build_set_params", domid);
        xc.setHvmInfo(domid, b.apic(), b.maxVcpus(), b.availVcpus());
        // hvm_build_set_xs_values: where hvmloader finds the tables it was handed.
        enter("hvm_build_set_xs_values", domid);
        String dom = XsPaths.dom(domid);
        if (smbiosAddress != 0) {
            xs.write(dom + "/hvmloader/smbios/address", "0x" + Long.toHexString(smbiosAddress));
            xs.write(dom + "/hvmloader/smbios/length", "0x" + Integer.toHexString(smbiosLength));
        }
        if (acpiAddress != 0) {
            xs.write(dom + "/hvmloader/acpi/address", "0x" + Long.toHexString(acpiAddress));
            xs.write(dom + "/hvmloader/acpi/length", "0x" + Integer.toHexString(acpiLength));
        }

        // libxl__domain_build's entries, then libxl__build_post
        enter("xenstore build entries", domid);
        xs.runInTransaction(t -> {
            t.pipelineWrites();
            buildPost(t, domid, b, storePort, storePfn, startTime);
            return null;
        });
        enter("xenstore introduce", domid);
        xs.introduceDomain(domid, storePfn, storePort);

        // domcreate_rebuild_done: the disks, connected (hotplug scripts run) before the device
        // model opens them, as libxl__add_disks completes before domcreate_launch_dm.
        List<DiskDevices.Resolved> disks = addDisks(config, domid, null, true);
        connect(disks.stream().map(DiskDevices.Resolved::spec).toList(), domid);

        // domcreate_launch_dm: the channels, console 0, the vkb device, the device model
        List<ChannelDevices.Resolved> channels = addChannels(config, domid);
        addConsole(domid, consoleDomid, consolePort, consolePfn);
        if (b.vkb()) {
            enter("vkb", domid);
            Map<String, String> back = new LinkedHashMap<>();
            back.put("frontend-id", Integer.toString(domid));
            back.put("online", "1");
            back.put("state", "1");
            Map<String, String> front = new LinkedHashMap<>();
            front.put("backend-id", "0");
            front.put("state", "1");
            DeviceSpec vkb = new DeviceSpec(DeviceKind.VKBD, DeviceKind.VKBD, domid, 0, 0, back, front, Map.of());
            xs.runInTransaction(t -> {
                t.pipelineWrites();
                DeviceXenstore.add(t, vkb);
                return null;
            });
        }
        enter("device model", domid);
        List<String> args = DeviceModelArgs.of(config, domid, -1,
                disks.stream().map(DiskDevices.Resolved::disk).toList(),
                nics.stream().map(NicDevices.Resolved::nic).toList(), channels, xs::readOptional);
        new DeviceModel(xs).start(domid, b.name(), args, b);

        // domcreate_devmodel_started, domcreate_attach_devices: the nics (an emulated nic's
        // script runs for the device model's tap too).
        connect(addNics(nics, domid), domid);

        awaitConsoleTty(domid);
        storeConfig(config, domid, b.uuid(), b.videoMemKb(), nics);
        LOG.debug("built HVM domain {} ({}), store port {} pfn {}, console port {} pfn {}", domid, b.name(),
                storePort, storePfn, consolePort, consolePfn);
    }

    /**
     * libxl__domain_firmware's read of an smbios_firmware or acpi_firmware file (which may be
     * empty).
     *
     * @param line the line of libxl_dom.c that logs the failure
     */
    static byte[] readTableFile(String path, String what, int line, int domid) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            String reason = e instanceof NoSuchFileException ? "No such file or directory" : e.getMessage();
            throw new ToolstackException("libxl__domain_firmware tables", domid, "libxl_dom.c:" + line
                    + ":libxl__domain_firmware: failed to read " + what + " firmware file " + path + ": " + reason, e);
        }
    }

    /** libxl__load_hvm_firmware_module: the whole file, which must not be empty. */
    static byte[] readFirmware(String path, String what, int domid) {
        try {
            byte[] data = Files.readAllBytes(Path.of(path));
            if (data.length == 0) {
                throw new ToolstackException("libxl__load_hvm_firmware_module", domid,
                        "file " + path + " for " + what + " is empty");
            }
            return data;
        } catch (NoSuchFileException e) {
            throw new ToolstackException("libxl__load_hvm_firmware_module", domid,
                    "failed to read " + what + " file: No such file or directory", e);
        } catch (IOException e) {
            throw new ToolstackException("libxl__load_hvm_firmware_module", domid,
                    "failed to read " + what + " file " + path + ": " + e.getMessage(), e);
        }
    }

    /** libxl__domain_build's HVM entries and libxl__build_post's, in one transaction as libxl writes them. */
    static void buildPost(XenstoreOps t, int domid, HvmBuild b, int storePort, long storePfn, String startTime) {
        String dom = XsPaths.dom(domid);
        String vm = XsPaths.vm(b.uuid());
        t.write(dom + "/memory/static-max", Long.toString(b.maxMemKb()));
        t.write(dom + "/memory/target", Long.toString(b.targetMemKb() - b.targetMemFudgeKb()));
        t.write(dom + "/memory/videoram", Long.toString(b.videoMemKb()));
        t.write(dom + "/domid", Integer.toString(domid));
        t.write(dom + "/store/port", Integer.toUnsignedString(storePort));
        t.write(dom + "/store/ring-ref", Long.toUnsignedString(storePfn));
        BitSet avail = b.availVcpus();
        for (int i = 0; i < b.maxVcpus(); i++) {
            t.write(dom + "/cpu/" + i + "/availability", avail.get(i) ? "online" : "offline");
        }
        t.write(dom + "/platform/acpi", b.acpi() ? "1" : "0");
        t.write(dom + "/platform/acpi_s3", b.acpiS3() ? "1" : "0");
        t.write(dom + "/platform/acpi_s4", b.acpiS4() ? "1" : "0");
        t.write(dom + "/platform/acpi_laptop_slate", b.acpiLaptopSlate() ? "1" : "0");
        if (b.mmioHoleKb() != 0 && (1L << 32) - (b.mmioHoleKb() << 10) <= XenConstants.HVM_BELOW_4G_MMIO_START) {
            t.write(dom + "/platform/mmio_hole_size", Long.toString(b.mmioHoleKb() << 10));
        }
        t.write(dom + "/platform/device-model", "qemu_xen");
        if (b.generationId() != null) {
            t.write(dom + "/platform/generation-id", b.generationId());
        }
        t.write(vm + "/rtc/timeoffset", b.timeoffset() == null ? "" : b.timeoffset());
        t.write(vm + "/image/ostype", "hvm");
        t.write(vm + "/start_time", startTime);
    }



}
