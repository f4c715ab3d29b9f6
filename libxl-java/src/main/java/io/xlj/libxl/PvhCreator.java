package io.xlj.libxl;

import io.xlj.config.model.DomainConfig;
import io.xlj.libxl.device.NicDevices;
import io.xlj.xen.CreateDomainRequest;
import io.xlj.xen.E820Entry;
import io.xlj.xen.XenConstants;
import io.xlj.xen.XenCtrl;
import io.xlj.xen.XenDomBuilder;
import io.xlj.xenstore.XenstoreClient;
import io.xlj.xenstore.XenstoreOps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one PVH guest in libxl 4.17's order and leaves it paused: libxl__domain_make (an
 * HVM container with HAP and only the local APIC emulated), libxl__build_pre (limits, event
 * channels, timer mode and altp2m, TSC, paging pool, CPUID), libxl__build_hvm for PVH (the
 * kernel loaded directly, ACPI tables, the memory map), libxl__build_post, the xenconsoled
 * console and the userdata file; the skeleton and the userdata file are written while
 * libxenguest builds the image, as for PV. No device model. Any failure after
 * {@code xc_domain_create} tears the domain down and is reported as a
 * {@link ToolstackException} naming the step.
 */
final class PvhCreator extends GuestCreator<PvhBuild> {

    private static final Logger LOG = LoggerFactory.getLogger(PvhCreator.class);

    PvhCreator(XenCtrl xc, XenstoreClient xs, Userdata userdata, DomainDestroyer destroyer, DomidHistory history) {
        super(xc, xs, userdata, destroyer, history);
    }

    @Override
    CreateDomainRequest request(PvhBuild b) {
        return new CreateDomainRequest(0, b.uuid(), b.createFlags(), b.maxVcpus(),
                b.eventChannels(), b.maxGrantFrames(), b.maxMaptrackFrames(), b.maxGrantVersion(), 0, 0, 0,
                b.poolid(), XenConstants.XEN_X86_EMU_LAPIC, b.msrRelaxed() ? XenConstants.XEN_X86_MSR_RELAXED : 0);
    }

    @Override
    UUID uuid(PvhBuild b) {
        return b.uuid();
    }

    @Override
    void build(DomainConfig config, PvhBuild b, int domid) {
        // libxl__bootloader_run serves PVH as PV; its kernel, ramdisk and command line are what
        // libxl__domain_firmware loads.
        buildBesideRecords(config, b.uuid(), b.name(), "pvh", b.videoMemKb(), domid,
                (image, nics, skeleton) -> buildFrom(config, b, image, nics, domid, skeleton));
    }

    /** libxl__domain_build for PVH and what follows it, from the guest's kernel. */
    private void buildFrom(DomainConfig config, PvhBuild b, PvImage image, List<NicDevices.Resolved> nics,
                           int domid, CompletableFuture<Void> skeleton) {

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
        // libxl__arch_domain_create: hvm_set_conf_params for PVH
        enter("HVM_PARAM_TIMER_MODE", domid);
        xc.setHvmParam(domid, XenConstants.HVM_PARAM_TIMER_MODE, b.timerMode());
        enter("HVM_PARAM_ALTP2M", domid);
        xc.setHvmParam(domid, XenConstants.HVM_PARAM_ALTP2M, b.altp2m());
        enter("xc_domain_set_tsc_info", domid);
        xc.setTscInfo(domid, b.tscMode(), 0, 0, 0);
        enter("xc_set_paging_mempool_size", domid);
        xc.setPagingMempoolSize(domid, b.shadowMemKb() << 10);
        enter("xc_cpuid_apply_policy", domid);
        boolean itsc = b.disableMigrate() || b.tscMode() == 1;
        // PVH has no PAE switch: always on.
        xc.cpuidApplyPolicy(domid, false, true, itsc, b.nestedHvm());

        Instant start = Instant.now();
        String startTime = start.getEpochSecond() + "." + String.format("%02d", start.getNano() / 10_000_000);

        // libxl__build_hvm for PVH
        HvmMemoryLayout layout = HvmMemoryLayout.of(b.maxMemKb(), b.targetMemKb(), b.videoMemKb(), 0, false);
        long storePfn;
        long consolePfn;
        enter("xc_dom_allocate", domid);
        try (XenDomBuilder dom = xc.domBuilder(image.cmdline(), null)) {
            dom.containerType(XenConstants.XC_DOM_HVM_CONTAINER);
            dom.claimEnabled(b.claimMode());
            // libxl__domain_firmware: a PVH guest's kernel is loaded directly.
            loadImage(dom, image, domid, false);
            dom.hvmMemoryLayout(layout.targetPages(), layout.mmioStart(), layout.mmioSize(), layout.lowmemEnd(),
                    layout.highmemEnd(), layout.vgaHoleSize(), false);
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
            // libxl__arch_domain_finalise_hw_description: ACPI tables, then the memory map
            List<HvmMemoryLayout.AcpiRange> acpi = new ArrayList<>();
            if (b.acpi()) {
                enter("libxl__dom_load_acpi", domid);
                boolean rsdpAnywhere = !"linux".equals(dom.guestOs())
                        || dom.feature(XenConstants.XENFEAT_linux_rsdp_unrestricted);
                List<PvhAcpiTables.Module> modules = PvhAcpiTables.build(b.maxVcpus(), b.availVcpus(), b.apic(),
                        rsdpAnywhere);
                for (int i = 0; i < modules.size(); i++) {
                    PvhAcpiTables.Module m = modules.get(i);
                    dom.acpiModule(i, m.data(), m.guestAddr());
                    acpi.add(new HvmMemoryLayout.AcpiRange(m.guestAddr(), m.data().length));
                }
            }
            enter("xc_domain_set_memory_map", domid);
            List<E820Entry> e820 = layout.e820(true, acpi);
            xc.setMemoryMap(domid, e820);
            dom.e820(e820);
            enter("xc_dom_build_image", domid);
            dom.buildImage();
            enter("xc_dom_boot_image", domid);
            dom.bootImage();
            enter("xc_dom_gnttab_init", domid);
            dom.gnttabInit();
            // Translated guest: the pfns are what the guest and xenstored use.
            consolePfn = dom.consolePfn();
            storePfn = dom.xenstorePfn();
        }

        // libxl__build_post
        enter("xenstore build entries", domid);
        await(skeleton);
        xs.runInTransaction(t -> {
            t.pipelineWrites();
            buildPost(t, domid, b, storePort, storePfn, startTime);
            return null;
        });
        enter("xenstore introduce", domid);
        xs.introduceDomain(domid, storePfn, storePort);

        // Disks (no protocol for a translated guest), console, a qdisk's QEMU, nics.
        addDevices(config, b.name(), b.maxMemKb(), b.videoMemKb(), null, nics, domid,
                () -> addConsole(domid, consoleDomid, consolePort, consolePfn));

        awaitConsoleTty(domid);
        LOG.debug("built PVH domain {} ({}), store port {} pfn {}, console port {} pfn {}", domid, b.name(),
                storePort, storePfn, consolePort, consolePfn);
    }

    /** libxl__build_post's entries for PVH: no target fudge, only start_time under /vm. */
    static void buildPost(XenstoreOps t, int domid, PvhBuild b, int storePort, long storePfn, String startTime) {
        String dom = XsPaths.dom(domid);
        t.write(dom + "/memory/static-max", Long.toString(b.maxMemKb()));
        t.write(dom + "/memory/target", Long.toString(b.targetMemKb() - b.videoMemKb()));
        t.write(dom + "/memory/videoram", Long.toString(b.videoMemKb()));
        t.write(dom + "/domid", Integer.toString(domid));
        t.write(dom + "/store/port", Integer.toUnsignedString(storePort));
        t.write(dom + "/store/ring-ref", Long.toUnsignedString(storePfn));
        BitSet avail = b.availVcpus();
        for (int i = 0; i < b.maxVcpus(); i++) {
            t.write(dom + "/cpu/" + i + "/availability", avail.get(i) ? "online" : "offline");
        }
        t.write(XsPaths.vm(b.uuid()) + "/start_time", startTime);
    }
}
