package io.xlj.libxl;

import io.xlj.config.model.Defbool;
import io.xlj.config.model.DomainBuildInfo;
import io.xlj.config.model.DomainConfig;
import io.xlj.config.model.DomainCreateInfo;
import io.xlj.config.model.DeviceDisk;
import io.xlj.config.model.DeviceNic;
import io.xlj.libxl.device.DeviceConnector;
import io.xlj.libxl.device.DeviceException;
import io.xlj.libxl.device.DeviceSpec;
import io.xlj.libxl.device.DeviceXenstore;
import io.xlj.libxl.device.DiskDevices;
import io.xlj.libxl.device.NicDevices;
import io.xlj.xen.CreateDomainRequest;
import io.xlj.xen.XenConstants;
import io.xlj.xen.XenCtrl;
import io.xlj.xen.XenDomBuilder;
import io.xlj.xenstore.XenstoreClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one PV guest in libxl 4.17's order (libxl__domain_make, disk and nic defaults,
 * libxl__build_pre, libxl__build_pv, libxl__build_post, the disks, the primary console, the
 * nics, the userdata file) and leaves it paused. The hotplug scripts of all disks and nics
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
        enter("xenstore skeleton", domid);
        xs.runInTransaction(t -> {
            t.pipelineWrites();
            DomainXenstore.skeleton(t, domid, b.uuid(), b.name(), "pv", orEmpty(config.cInfo().xsdata()),
                    orEmpty(config.cInfo().platformdata()));
            return null;
        });

        // initiate_domain_create: disk defaults (the backend needs the image's stat) and nic devids.
        List<DeviceDisk> disks = orEmpty(config.disks());
        for (int i = 0; i < disks.size(); i++) {
            enter("disk defaults", domid);
            try {
                // Resolved again below with the guest's protocol; this pass only validates.
                DiskDevices.resolve(disks.get(i), domid, null);
            } catch (DeviceException e) {
                throw new ToolstackException(step, domid, e.getMessage() + " (Unable to set disk defaults for disk "
                        + i + ")", e);
            }
        }
        enter("nic defaults", domid);
        List<NicDevices.Resolved> nics;
        try {
            nics = NicDevices.resolveForCreate(orEmpty(config.nics()), domid);
        } catch (DeviceException e) {
            throw new ToolstackException(step, domid, e.getMessage(), e);
        }

        // libxl__bootloader_run, on the first disk with its defaults; libxl builds the domain in
        // its callback. A bootloader's kernel and ramdisk are mapped until the build is over.
        List<DeviceDisk> defaulted = disks.isEmpty() || config.bInfo().bootloader() == null ? List.of()
                : List.of(DiskDevices.resolve(disks.get(0), domid, null).disk());
        try (PvImage image = new Bootloader(name -> enter(name, domid)).run(config.bInfo(), defaulted, domid)) {
            buildFrom(config, b, image, disks, nics, domid);
        }
    }

    /** libxl__domain_build and what follows it (domcreate_rebuild_done on): the domain from its PV image. */
    private void buildFrom(DomainConfig config, PvBuild b, PvImage image, List<DeviceDisk> disks,
                           List<NicDevices.Resolved> nics, int domid) {

        // libxl__build_pre
        enter("xc_domain_max_vcpus", domid);
        xc.setMaxVcpus(domid, b.maxVcpus());
        enter("xc_domain_setmaxmem", domid);
        xc.setMaxMemKb(domid, b.targetMemKb() + PvBuild.MAXMEM_CONSTANT_KB);
        enter("xenstore /tool", domid);
        int storeDomid = toolDomid("/tool/xenstored/domid");
        int consoleDomid = toolDomid("/tool/xenconsoled/domid");
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
            if (image.kernel() != null) {
                enter("xc_dom_kernel_mem", domid);
                dom.kernelMem(image.kernel());
            } else {
                enter("xc_dom_kernel_file", domid);
                dom.kernelFile(image.kernelPath());
            }
            // libxl skips an empty ramdisk path as well as none.
            if (image.ramdisk() != null) {
                enter("xc_dom_module_mem", domid);
                dom.moduleMem(image.ramdisk(), null);
            } else if (image.ramdiskPath() != null && !image.ramdiskPath().isEmpty()) {
                enter("xc_dom_module_file", domid);
                dom.moduleFile(image.ramdiskPath(), null);
            }
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

        // libxl__build_post
        enter("xenstore build entries", domid);
        xs.runInTransaction(t -> {
            t.pipelineWrites();
            DomainXenstore.buildPost(t, domid, b.uuid(), b, image, storePort, storeMfn, startTime);
            return null;
        });
        enter("xenstore introduce", domid);
        xs.introduceDomain(domid, storeMfn, storePort);

        // domcreate_rebuild_done: the disks' nodes (frontends carry the guest's native protocol).
        enter("disk devices", domid);
        List<DeviceSpec> devices = new ArrayList<>();
        boolean needsQemu = false;
        if (!disks.isEmpty()) {
            String protocol = xc.nativeProtocol(domid);
            for (DeviceDisk disk : disks) {
                DiskDevices.Resolved r = DiskDevices.resolve(disk, domid, protocol);
                devices.add(r.spec());
                needsQemu |= DiskDevices.needsQemu(r.disk());
            }
        }
        addNodes(devices, "disk devices");

        enter("console", domid);
        xs.runInTransaction(t -> {
            t.pipelineWrites();
            DomainXenstore.primaryConsole(t, domid, consoleDomid, consolePort, consoleMfn);
            return null;
        });

        // domcreate_launch_dm: a QEMU for the qdisk backends (libxl__need_xenpv_qemu). Its start
        // is awaited after the hotplug scripts, which run meanwhile.
        Process qemu = null;
        if (needsQemu) {
            enter("device model", domid);
            qemu = new PvDeviceModel(xs).start(domid, b.name(),
                    PvDeviceModel.args(deviceModelPath(config), domid, b.name(), b.maxMemKb(), b.videoMemKb()));
        }

        // domcreate_attach_devices: the nics' nodes.
        enter("vif devices", domid);
        List<DeviceSpec> vifs = nics.stream().map(NicDevices.Resolved::spec).toList();
        addNodes(vifs, "vif devices");
        devices.addAll(vifs);

        enter("hotplug scripts", domid);
        try {
            new DeviceConnector(xs).connectAll(devices);
        } catch (DeviceException e) {
            throw new ToolstackException(step, domid, e.getMessage(), e);
        }
        if (qemu != null) {
            enter("device model running", domid);
            new PvDeviceModel(xs).awaitRunning(domid, qemu, PvDeviceModel.START_TIMEOUT);
        }

        awaitConsoleTty(domid);
        enter("userdata", domid);
        List<DeviceNic> savedNics = nics.stream().map(NicDevices.Resolved::nic).toList();
        byte[] json = userdataJson(config, b, savedNics);
        userdata.locked(domid, b.uuid(), () -> userdata.store(domid, b.uuid(), Userdata.LIBXL_JSON, json));
        LOG.debug("built PV domain {} ({}), store port {} mfn {}, console port {} mfn {}", domid, b.name(),
                storePort, storeMfn, consolePort, consoleMfn);
    }

    /**
     * The libxl_domain_config JSON libxl stores (with its trailing NUL): xl's config with
     * c_info.domid as xl passes it (INVALID_DOMID unless a valid one was asked for) and the
     * fields libxl__update_domain_configuration copies back from the built domain (uuid,
     * video_memkb, arch_x86.msr_relaxed made explicit).
     */
    static byte[] userdataJson(DomainConfig config, PvBuild b) {
        return userdataJson(config, b, orEmpty(config.nics()));
    }

    /**
     * As above with the nics after creation: libxl__update_config_nic copies each nic's devid,
     * nictype and (generated) MAC into the stored config.
     */
    static byte[] userdataJson(DomainConfig config, PvBuild b, List<DeviceNic> createdNics) {
        long domid = config.cInfo().domid();
        // A valid domid, or xl.conf's RANDOM_DOMID policy, is stored as given; else INVALID_DOMID.
        boolean valid = domid > 0 && domid < 0x7ff0 || domid == 0xfffffffeL;
        DomainCreateInfo c = RecordCopy.with(config.cInfo(), Map.of(
                "domid", valid ? domid : 0xffffffffL, "uuid", b.uuid().toString()));
        DomainBuildInfo bi = RecordCopy.with(config.bInfo(), Map.of(
                "videoMemkb", b.videoMemKb(),
                "msrRelaxed", Defbool.of(config.bInfo().msrRelaxed().valueOr(false))));
        List<DeviceNic> nics = new ArrayList<>();
        List<DeviceNic> given = orEmpty(config.nics());
        for (int i = 0; i < given.size(); i++) {
            DeviceNic.Builder n = given.get(i).toBuilder();
            if (i < createdNics.size()) {
                n.devid = createdNics.get(i).devid();
                n.nictype = createdNics.get(i).nictype();
                n.mac = createdNics.get(i).mac();
            }
            nics.add(n.build());
        }
        DomainConfig stored = RecordCopy.with(config, Map.of("cInfo", c, "bInfo", bi, "nics", nics,
                "disks", disksAsCreated(config)));
        byte[] json = stored.toJson().getBytes(StandardCharsets.UTF_8);
        byte[] withNul = new byte[json.length + 1];
        System.arraycopy(json, 0, withNul, 0, json.length);
        return withNul;
    }

    /**
     * The disks as libxl_domain_create_new leaves them in the config it stores:
     * unset_disk_colo_restore makes every disk's colo_restore_enable an explicit false.
     */
    static List<DeviceDisk> disksAsCreated(DomainConfig config) {
        return orEmpty(config.disks()).stream().map(d -> {
            DeviceDisk.Builder b = d.toBuilder();
            b.coloRestoreEnable = Defbool.of(false);
            return b.build();
        }).toList();
    }


    /** libxl__device_exists + libxl__device_generic_add for each device, one transaction per device. */
    private void addNodes(List<DeviceSpec> devices, String what) {
        for (DeviceSpec d : devices) {
            boolean added = DeviceXenstore.addIfAbsent(xs, d);
            if (!added) {
                // libxl's device_disk_add line; the caller's own line follows it.
                List<String> lines = d.kind() == io.xlj.libxl.device.DeviceKind.VBD
                        ? List.of("libxl_disk.c:343:device_disk_add: Domain " + d.domid()
                                + ":device already exists in xenstore")
                        : List.of();
                throw new ToolstackException(step, d.domid(), "device already exists in xenstore: "
                        + d.backendPath() + " (unable to add " + what + ")",
                        new DeviceException("device already exists in xenstore", lines, null));
            }
        }
    }

    /** libxl__domain_device_model: device_model_override, else Debian's qemu-xen. */
    private static String deviceModelPath(DomainConfig config) {
        String dm = config.bInfo().deviceModel();
        return dm != null ? dm : DeviceModelArgs.QEMU_XEN_PATH;
    }


}
