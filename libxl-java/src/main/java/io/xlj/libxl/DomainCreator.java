package io.xlj.libxl;

import io.xlj.config.model.DomainConfig;
import io.xlj.libxl.device.NicDevices;
import io.xlj.xen.CreateDomainRequest;
import io.xlj.xen.XenConstants;
import io.xlj.xen.XenCtrl;
import io.xlj.xen.XenDomBuilder;
import io.xlj.xenstore.XenstoreClient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one PV guest to libxl 4.17's end state (libxl__domain_make, disk and nic defaults,
 * libxl__build_pre, libxl__build_pv, libxl__build_post, the disks, the primary console, the
 * nics, the userdata file) and leaves it paused. Where nothing depends on libxl's order the
 * steps overlap or share a transaction: the skeleton and the userdata file are written while
 * libxenguest builds the image, the console's nodes go with libxl__build_post's. The hotplug scripts of all disks and nics
 * run in parallel once all their nodes are written. Any failure after {@code xc_domain_create} tears down what was done (domain,
 * xenstore nodes, userdata files) and is reported as a {@link ToolstackException} naming the
 * step.
 */
final class DomainCreator extends GuestCreator<PvBuild> {

    private static final Logger LOG = LoggerFactory.getLogger(DomainCreator.class);

    DomainCreator(XenCtrl xc, XenstoreClient xs, Userdata userdata, DomainDestroyer destroyer, DomidHistory history) {
        super(xc, xs, userdata, destroyer, history);
    }

    @Override
    CreateDomainRequest request(PvBuild b) {
        return new CreateDomainRequest(0, b.uuid(), 0, b.maxVcpus(), b.eventChannels(),
                b.maxGrantFrames(), b.maxMaptrackFrames(), b.maxGrantVersion(), 0, 0, 0, b.poolid(), 0, 0);
    }

    @Override
    UUID uuid(PvBuild b) {
        return b.uuid();
    }

    @Override
    void build(DomainConfig config, PvBuild b, int domid) {
        buildBesideRecords(config, b.uuid(), b.name(), "pv", b.videoMemKb(), domid,
                (image, nics, skeleton) -> buildFrom(config, b, image, nics, domid, skeleton));
        LOG.debug("PV domain {} ({}) built", domid, b.name());
    }

    /** libxl__domain_build and what follows it (domcreate_rebuild_done on): the domain from its PV image. */
    private void buildFrom(DomainConfig config, PvBuild b, PvImage image, List<NicDevices.Resolved> nics,
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
        enter("xc_domain_set_memmap_limit", domid);
        xc.setMemmapLimitKb(domid, b.maxMemKb() + b.slackMemKb());
        enter("xc_domain_set_tsc_info", domid);
        xc.setTscInfo(domid, b.tscMode(), 0, 0, 0);
        enter("xc_cpuid_apply_policy", domid);
        boolean itsc = b.disableMigrate() || b.tscMode() == 1;
        xc.cpuidApplyPolicy(domid, false, true, itsc, false);

        Instant start = Instant.now();
        String startTime = start.getEpochSecond() + "." + String.format("%02d", start.getNano() / 10_000_000);

        // libxl__build_pv / libxl__build_dom
        long storeMfn;
        long consoleMfn;
        enter("xc_dom_allocate", domid);
        try (XenDomBuilder dom = xc.domBuilder(image.cmdline(), null)) {
            dom.containerType(XenConstants.XC_DOM_PV_CONTAINER);
            loadImage(dom, image, domid, true);
            dom.flags(0);
            dom.setConsole(consolePort, consoleDomid);
            dom.setXenstore(storePort, storeDomid);
            dom.claimEnabled(b.claimMode());
            dom.maxVcpus(b.maxVcpus());
            enter("xc_dom_boot_xen_init", domid);
            dom.bootXenInit(domid);
            enter("xc_dom_parse_image", domid);
            dom.parseImage();
            enter("xc_dom_mem_init", domid);
            dom.memInit((int) (b.targetMemKb() / 1024));
            enter("xc_dom_boot_mem_init", domid);
            dom.bootMemInit();
            enter("xc_dom_build_image", domid);
            dom.buildImage();
            enter("xc_dom_boot_image", domid);
            dom.bootImage();
            enter("xc_dom_gnttab_init", domid);
            dom.gnttabInit();
            storeMfn = dom.p2m(dom.xenstorePfn());
            consoleMfn = dom.p2m(dom.consolePfn());
        }

        // libxl__build_post's entries and console 0's (libxl: after the disks, in a transaction
        // of its own) in one transaction, before the introduce: one commit less, and xenconsoled
        // finds the console complete when it learns of the domain. The end state is libxl's.
        enter("console", domid);
        enter("xenstore build entries", domid);
        await(skeleton);
        xs.runInTransaction(t -> {
            t.pipelineWrites();
            DomainXenstore.buildPost(t, domid, b.uuid(), b, image, storePort, storeMfn, startTime);
            DomainXenstore.primaryConsole(t, domid, consoleDomid, consolePort, consoleMfn);
            return null;
        });
        enter("xenstore introduce", domid);
        xs.introduceDomain(domid, storeMfn, storePort);

        // Disks (frontends carry the guest's native protocol), a qdisk's QEMU, nics.
        String protocol = config.disks().isEmpty() ? null : xc.nativeProtocol(domid);
        addDevices(config, b.name(), b.maxMemKb(), b.videoMemKb(), protocol, nics, domid, () -> { });

        awaitConsoleTty(domid);
        LOG.debug("PV domain {} ({}): store port {} mfn {}, console port {} mfn {}", domid, b.name(),
                storePort, storeMfn, consolePort, consoleMfn);
    }
}
