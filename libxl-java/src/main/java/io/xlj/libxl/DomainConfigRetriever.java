package io.xlj.libxl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xlj.xen.DomainInfo;
import io.xlj.xen.SchedParams;
import io.xlj.xen.XenCallException;
import io.xlj.xen.XenConstants;
import io.xlj.xen.XenCtrl;
import io.xlj.xenstore.XenstoreClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * libxl_retrieve_domain_configuration for what {@code xl list -l} prints: the
 * {@code libxl-json} userdata file libxl (or xlj) stored at create, brought up to date the
 * way libxl does: name and uuid, the online vCPUs, the memory target and maximum from
 * xenstore, and the scheduler parameters from the hypervisor. The JSON is kept as a tree
 * in libxl's field order; a field libxl adds goes where its IDL puts it.
 */
final class DomainConfigRetriever {

    /** libxl_domain_build_info's fields in IDL order (gen_json writes them in this order). */
    static final List<String> B_INFO_ORDER = List.of("max_vcpus", "avail_vcpus", "cpumap", "nodemap",
            "vcpu_hard_affinity", "vcpu_soft_affinity", "numa_placement", "tsc_mode", "max_memkb", "target_memkb",
            "video_memkb", "shadow_memkb", "iommu_memkb", "rtc_timeoffset", "exec_ssidref", "exec_ssid_label",
            "localtime", "disable_migrate", "cpuid", "blkdev_start", "vnuma_nodes", "max_grant_frames",
            "max_maptrack_frames", "max_grant_version", "device_model_version", "device_model_stubdomain",
            "stubdomain_memkb", "stubdomain_kernel", "stubdomain_cmdline", "stubdomain_ramdisk", "device_model",
            "device_model_ssidref", "device_model_ssid_label", "device_model_user", "extra", "extra_pv",
            "extra_hvm", "sched_params", "ioports", "irqs", "iomem", "claim_mode", "event_channels", "kernel",
            "cmdline", "ramdisk", "device_tree", "acpi", "bootloader", "bootloader_args", "timer_mode",
            "nested_hvm", "apic", "dm_restrict", "tee");

    static final List<String> C_INFO_ORDER = List.of("type", "hap", "oos", "ssidref", "ssid_label", "name",
            "domid", "uuid", "xsdata", "platformdata", "poolid", "pool_name", "run_hotplug_scripts",
            "driver_domain", "passthrough", "xend_suspend_evtchn_compat");

    /** LIBXL_MAXMEM_CONSTANT: what libxl adds to an HVM guest's maximum. */
    private static final long MAXMEM_CONSTANT = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final XenCtrl xc;
    private final XenstoreClient xs;
    private final Userdata userdata;

    DomainConfigRetriever(XenCtrl xc, XenstoreClient xs, Userdata userdata) {
        this.xc = xc;
        this.xs = xs;
        this.userdata = userdata;
    }

    /** The domain's current libxl_domain_config as a JSON tree. */
    ObjectNode retrieve(int domid) {
        DomainInfo info = xc.domainInfo(domid).orElseThrow(() -> failed(domid));
        ObjectNode config = read(userdata.path(domid, info.uuid(), Userdata.LIBXL_JSON), domid);
        ObjectNode cInfo = object(config, "c_info");
        ObjectNode bInfo = object(config, "b_info");

        Optional<String> name = xs.readOptional(XsPaths.dom(domid) + "/name");
        name.ifPresent(n -> put(cInfo, "name", JsonNodeFactory.instance.textNode(n), C_INFO_ORDER));
        // libxl's JSON leaves a nil uuid out (Domain-0's is all zeros).
        put(cInfo, "uuid", info.uuid().getMostSignificantBits() == 0 && info.uuid().getLeastSignificantBits() == 0
                ? null : JsonNodeFactory.instance.textNode(info.uuid().toString()), C_INFO_ORDER);

        int maxVcpus = bInfo.path("max_vcpus").asInt(0);
        ArrayNode avail = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < maxVcpus; i++) {
            if ("online".equals(xs.readOptional(XsPaths.dom(domid) + "/cpu/" + i + "/availability").orElse(null))) {
                avail.add(i);
            }
        }
        put(bInfo, "avail_vcpus", avail.isEmpty() ? null : avail, B_INFO_ORDER);

        String dom = XsPaths.dom(domid);
        Optional<String> targetNode = xs.readOptional(dom + "/memory/target");
        Optional<String> maxNode = xs.readOptional(dom + "/memory/static-max");
        if (domid == 0 && (targetNode.isEmpty() || maxNode.isEmpty())) {
            // libxl__get_memory_target: dom0's nodes are made from its domain info on first use.
            long[] filled = fillDom0MemoryInfo();
            targetNode = Optional.of(Long.toUnsignedString(filled[0]));
            maxNode = Optional.of(Long.toUnsignedString(filled[1]));
        }
        long target = memkb(targetNode, domid, dom + "/memory/target");
        long max = memkb(maxNode, domid, dom + "/memory/static-max");
        boolean hvm = bInfo.has("type.hvm");
        long video = bInfo.has("video_memkb") ? bInfo.get("video_memkb").asLong() : -1;
        long storedMax = bInfo.has("max_memkb") ? bInfo.get("max_memkb").asLong() : -1;
        long storedTarget = bInfo.has("target_memkb") ? bInfo.get("target_memkb").asLong() : -1;
        long fudge = video + (hvm && Long.compareUnsigned(storedMax, storedTarget) > 0 ? MAXMEM_CONSTANT : 0);
        put(bInfo, "target_memkb", JsonNodeFactory.instance.numberNode(target + fudge), B_INFO_ORDER);
        put(bInfo, "max_memkb", JsonNodeFactory.instance.numberNode(max), B_INFO_ORDER);

        put(bInfo, "sched_params", schedParams(domid), B_INFO_ORDER);
        return config;
    }

    private static LibxlError failed(int domid) {
        return new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorD(
                "libxl_domain.c:2335:retrieve_domain_configuration_lock_acquired", domid,
                "Fail to get domain configuration")));
    }

    static ObjectNode read(Path file, int domid) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw failed(domid);
        } catch (IOException e) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(), "cannot read " + file + ": " + e.getMessage(), e);
        }
        int len = data.length;
        while (len > 0 && data[len - 1] == 0) {
            len--; // libxl stores the JSON text with its terminating NUL
        }
        try {
            JsonNode n = JSON.readTree(new String(data, 0, len, StandardCharsets.ISO_8859_1));
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (JsonProcessingException e) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(), "cannot parse " + file + ": " + e.getOriginalMessage(), e);
        }
        throw new LibxlError(LibxlError.ERROR_FAIL, List.of(), file + " does not hold a JSON object");
    }

    private static ObjectNode object(ObjectNode parent, String key) {
        JsonNode n = parent.get(key);
        if (n instanceof ObjectNode o) {
            return o;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        parent.set(key, o);
        return o;
    }

    /**
     * libxl__fill_dom0_memory_info: in one transaction, the missing one(s) of dom0's
     * memory/target and memory/static-max written from its domain info (current and max
     * memory); returns {target, static-max} in KiB.
     */
    private long[] fillDom0MemoryInfo() {
        String target = "/local/domain/0/memory/target";
        String max = "/local/domain/0/memory/static-max";
        return xs.runInTransaction(t -> {
            Optional<String> tv = t.readOptional(target);
            Optional<String> mv = t.readOptional(max);
            DomainInfo dom0 = xc.domainInfo(0).orElseThrow(() -> failed(0));
            long[] kb = {tv.isPresent() ? memkb(tv, 0, target) : dom0.currentMemoryKb(),
                    mv.isPresent() ? memkb(mv, 0, max) : dom0.maxMemoryKb()};
            if (tv.isEmpty()) {
                t.write(target, Long.toUnsignedString(kb[0]));
            }
            if (mv.isEmpty()) {
                t.write(max, Long.toUnsignedString(kb[1]));
            }
            return kb;
        });
    }

    private static long memkb(Optional<String> value, int domid, String path) {
        if (value.isEmpty()) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorED(
                    "libxl_mem.c:381:libxl__get_memory_target", domid,
                    "Cannot get target memory info from " + path, 2)));
        }
        try {
            return Long.parseUnsignedLong(value.get());
        } catch (NumberFormatException e) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(), "invalid memory value '" + value.get() + "' at " + path);
        }
    }

    /** libxl_domain_sched_params_get for the pool's scheduler: only sched, weight and cap are set. */
    private ObjectNode schedParams(int domid) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        int sched = xc.schedulerId();
        try {
            SchedParams params;
            if (sched == XenConstants.XEN_SCHEDULER_CREDIT2) {
                params = xc.schedCredit2(domid);
                p.put("sched", "credit2");
            } else if (sched == XenConstants.XEN_SCHEDULER_CREDIT) {
                params = xc.schedCredit(domid);
                p.put("sched", "credit");
            } else {
                p.put("sched", switch (sched) {
                    case XenConstants.XEN_SCHEDULER_ARINC653 -> "arinc653";
                    case XenConstants.XEN_SCHEDULER_RTDS -> "rtds";
                    case XenConstants.XEN_SCHEDULER_NULL -> "null";
                    default -> "unknown";
                });
                return p;
            }
            p.put("weight", params.weight());
            p.put("cap", params.cap());
        } catch (XenCallException e) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(), "reading the scheduler parameters of domain "
                    + domid + ": " + e.getMessage(), e);
        }
        return p;
    }

    /**
     * Sets {@code key} to {@code value} (null removes it) keeping the object's order; a new
     * key goes before the first existing key that comes after it in {@code order}.
     */
    static void put(ObjectNode obj, String key, JsonNode value, List<String> order) {
        if (obj.has(key)) {
            if (value == null) {
                obj.remove(key);
            } else {
                obj.set(key, value);
            }
            return;
        }
        if (value == null) {
            return;
        }
        int rank = order.indexOf(key);
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        boolean placed = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int r = order.indexOf(e.getKey());
            if (!placed && (r < 0 || r > rank)) {
                fields.put(key, value);
                placed = true;
            }
            fields.put(e.getKey(), e.getValue());
        }
        if (!placed) {
            fields.put(key, value);
        }
        obj.removeAll();
        fields.forEach(obj::set);
    }
}
