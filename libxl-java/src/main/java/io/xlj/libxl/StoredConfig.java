package io.xlj.libxl;

import io.xlj.config.model.Defbool;
import io.xlj.config.model.DeviceDisk;
import io.xlj.config.model.DeviceNic;
import io.xlj.config.model.DomainBuildInfo;
import io.xlj.config.model.DomainConfig;
import io.xlj.config.model.DomainCreateInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The libxl_domain_config JSON libxl stores as a guest's userdata after a create, for PV,
 * PVH and HVM alike (with its trailing NUL): xl's config with c_info.domid as xl passes it
 * (INVALID_DOMID unless a valid one was asked for) and the fields
 * libxl__update_domain_configuration copies back from the built domain (uuid, video_memkb,
 * arch_x86.msr_relaxed made explicit, the nics as created, the disks as
 * libxl_domain_create_new leaves them).
 */
final class StoredConfig {

    private StoredConfig() {
    }

    /** @param createdNics the nics after libxl's defaults, in config order */
    static byte[] json(DomainConfig config, UUID uuid, long videoMemKb, List<DeviceNic> createdNics) {
        long domid = config.cInfo().domid();
        // A valid domid, or xl.conf's RANDOM_DOMID policy, is stored as given; else INVALID_DOMID.
        boolean valid = domid > 0 && domid < 0x7ff0 || domid == 0xfffffffeL;
        DomainCreateInfo c = RecordCopy.with(config.cInfo(), Map.of(
                "domid", valid ? domid : 0xffffffffL, "uuid", uuid.toString()));
        DomainBuildInfo bi = RecordCopy.with(config.bInfo(), Map.of(
                "videoMemkb", videoMemKb,
                "msrRelaxed", Defbool.of(config.bInfo().msrRelaxed().valueOr(false))));
        DomainConfig stored = RecordCopy.with(config, Map.of("cInfo", c, "bInfo", bi,
                "nics", nicsAsCreated(config, createdNics), "disks", disksAsCreated(config)));
        byte[] json = stored.toJson().getBytes(StandardCharsets.UTF_8);
        byte[] withNul = new byte[json.length + 1];
        System.arraycopy(json, 0, withNul, 0, json.length);
        return withNul;
    }

    /** libxl__update_config_nic: each nic's devid, nictype and (generated) MAC as created. */
    private static List<DeviceNic> nicsAsCreated(DomainConfig config, List<DeviceNic> createdNics) {
        List<DeviceNic> nics = new ArrayList<>();
        List<DeviceNic> given = GuestCreator.orEmpty(config.nics());
        for (int i = 0; i < given.size(); i++) {
            DeviceNic.Builder n = given.get(i).toBuilder();
            if (i < createdNics.size()) {
                n.devid = createdNics.get(i).devid();
                n.nictype = createdNics.get(i).nictype();
                n.mac = createdNics.get(i).mac();
            }
            nics.add(n.build());
        }
        return nics;
    }

    /** unset_disk_colo_restore: every disk's colo_restore_enable an explicit false. */
    private static List<DeviceDisk> disksAsCreated(DomainConfig config) {
        return GuestCreator.orEmpty(config.disks()).stream().map(d -> {
            DeviceDisk.Builder b = d.toBuilder();
            b.coloRestoreEnable = Defbool.of(false);
            return b.build();
        }).toList();
    }
}
