package io.xlj.libxl;

import io.xlj.config.model.DomainConfig;
import io.xlj.xen.CreateDomainRequest;
import io.xlj.xen.XenConstants;
import io.xlj.xen.XenCtrl;
import io.xlj.xen.XenDomBuilder;
import io.xlj.xenstore.XenstoreClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one PV guest in libxl 4.17's order (libxl__domain_make, libxl__build_pre,
 * libxl__build_pv, libxl__build_post, the primary console, the userdata file) and leaves it
 * paused. Any failure after {@code xc_domain_create} tears down what was done (domain,
 * xenstore nodes, userdata files) and is reported as a {@link ToolstackException} naming the
 * step.
 */
final class DomainCreator {

    private static final Logger LOG = LoggerFactory.getLogger(DomainCreator.class);

    private final XenCtrl xc;
    private final XenstoreClient xs;
    private final Userdata userdata;
    private final DomainDestroyer destroyer;

    private String step = "start";

    DomainCreator(XenCtrl xc, XenstoreClient xs, Userdata userdata, DomainDestroyer destroyer) {
        this.xc = xc;
        this.xs = xs;
        this.userdata = userdata;
        this.destroyer = destroyer;
    }

    /** The new, still paused domain's id. */
    int create(DomainConfig config, PvBuild b) {
        step = "xc_domain_create";
        CreateDomainRequest request = new CreateDomainRequest(0, b.uuid(), 0, b.maxVcpus(), b.eventChannels(),
                b.maxGrantFrames(), b.maxMaptrackFrames(), b.maxGrantVersion(), 0, 0, 0, b.poolid(), 0, 0);
        int domid;
        try {
            domid = xc.createDomain(request);
        } catch (RuntimeException e) {
            throw new ToolstackException(step, null, "domain creation fail: " + e.getMessage(), e);
        }
        try {
            build(config, b, domid);
            return domid;
        } catch (RuntimeException e) {
            ToolstackException failure = e instanceof ToolstackException te ? te
                    : new ToolstackException(step, domid, "creating domain " + domid + " failed at " + step + ": "
                            + e.getMessage(), e);
            try {
                destroyer.tearDown(domid, b.uuid(), Optional.of(XsPaths.vm(b.uuid())));
            } catch (RuntimeException undo) {
                failure.addSuppressed(undo);
                LOG.error("could not undo the half-built domain {}: {}", domid, undo.getMessage());
            }
            throw failure;
        }
    }

    private void build(DomainConfig config, PvBuild b, int domid) {
        step = "xenstore skeleton";
        xs.runInTransaction(t -> {
            DomainXenstore.skeleton(t, domid, b.uuid(), b.name(), "pv", orEmpty(config.cInfo().xsdata()),
                    orEmpty(config.cInfo().platformdata()));
            return null;
        });

        // libxl__build_pre
        step = "xc_domain_max_vcpus";
        xc.setMaxVcpus(domid, b.maxVcpus());
        step = "xc_domain_setmaxmem";
        xc.setMaxMemKb(domid, b.targetMemKb() + PvBuild.MAXMEM_CONSTANT_KB);
        step = "xenstore /tool";
        int storeDomid = toolDomid("/tool/xenstored/domid");
        int consoleDomid = toolDomid("/tool/xenconsoled/domid");
        step = "xc_evtchn_alloc_unbound";
        int storePort = xc.evtchnAllocUnbound(domid, storeDomid);
        int consolePort = xc.evtchnAllocUnbound(domid, consoleDomid);
        step = "xc_domain_set_memmap_limit";
        xc.setMemmapLimitKb(domid, b.maxMemKb() + b.slackMemKb());
        step = "xc_domain_set_tsc_info";
        xc.setTscInfo(domid, b.tscMode(), 0, 0, 0);
        step = "xc_cpuid_apply_policy";
        boolean itsc = b.disableMigrate() || b.tscMode() == 1;
        xc.cpuidApplyPolicy(domid, false, true, itsc, false);

        Instant start = Instant.now();
        String startTime = start.getEpochSecond() + "." + String.format("%02d", start.getNano() / 10_000_000);

        // libxl__build_pv / libxl__build_dom
        long storeMfn;
        long consoleMfn;
        step = "xc_dom_allocate";
        try (XenDomBuilder dom = xc.domBuilder(b.cmdline(), null)) {
            dom.containerType(XenConstants.XC_DOM_PV_CONTAINER);
            step = "xc_dom_kernel_file";
            dom.kernelFile(b.kernel());
            if (b.ramdisk() != null) {
                step = "xc_dom_module_file";
                dom.moduleFile(b.ramdisk(), null);
            }
            dom.flags(0);
            dom.setConsole(consolePort, consoleDomid);
            dom.setXenstore(storePort, storeDomid);
            dom.claimEnabled(b.claimMode());
            dom.maxVcpus(b.maxVcpus());
            step = "xc_dom_boot_xen_init";
            dom.bootXenInit(domid);
            step = "xc_dom_parse_image";
            dom.parseImage();
            step = "xc_dom_mem_init";
            dom.memInit((int) (b.targetMemKb() / 1024));
            step = "xc_dom_boot_mem_init";
            dom.bootMemInit();
            step = "xc_dom_build_image";
            dom.buildImage();
            step = "xc_dom_boot_image";
            dom.bootImage();
            step = "xc_dom_gnttab_init";
            dom.gnttabInit();
            storeMfn = dom.p2m(dom.xenstorePfn());
            consoleMfn = dom.p2m(dom.consolePfn());
        }

        // libxl__build_post
        step = "xenstore build entries";
        xs.runInTransaction(t -> {
            DomainXenstore.buildPost(t, domid, b.uuid(), b, storePort, storeMfn, startTime);
            return null;
        });
        step = "xenstore introduce";
        xs.introduceDomain(domid, storeMfn, storePort);

        step = "console";
        xs.runInTransaction(t -> {
            DomainXenstore.primaryConsole(t, domid, consoleDomid, consolePort, consoleMfn);
            return null;
        });

        step = "userdata";
        userdata.store(domid, b.uuid(), Userdata.LIBXL_JSON, userdataJson(config, domid));
        LOG.debug("built PV domain {} ({}), store port {} mfn {}, console port {} mfn {}", domid, b.name(),
                storePort, storeMfn, consolePort, consoleMfn);
    }

    /** The libxl_domain_config JSON libxl stores, with its trailing NUL. */
    private static byte[] userdataJson(DomainConfig config, int domid) {
        byte[] json = config.toJson().getBytes(StandardCharsets.UTF_8);
        byte[] withNul = new byte[json.length + 1];
        System.arraycopy(json, 0, withNul, 0, json.length);
        return withNul;
    }

    private int toolDomid(String path) {
        Optional<String> v = xs.readOptional(path);
        if (v.isEmpty()) {
            return 0;
        }
        // atoi
        String s = v.get().trim();
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i == 0 ? 0 : Integer.parseInt(s.substring(0, Math.min(i, 9)));
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
