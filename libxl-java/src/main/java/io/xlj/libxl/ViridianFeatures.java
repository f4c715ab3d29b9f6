package io.xlj.libxl;

import static io.xlj.xen.XenConstants.HVMPV_apic_assist;
import static io.xlj.xen.XenConstants.HVMPV_base_freq;
import static io.xlj.xen.XenConstants.HVMPV_cpu_hotplug;
import static io.xlj.xen.XenConstants.HVMPV_crash_ctl;
import static io.xlj.xen.XenConstants.HVMPV_ex_processor_masks;
import static io.xlj.xen.XenConstants.HVMPV_hcall_ipi;
import static io.xlj.xen.XenConstants.HVMPV_hcall_remote_tlb_flush;
import static io.xlj.xen.XenConstants.HVMPV_no_freq;
import static io.xlj.xen.XenConstants.HVMPV_no_vp_limit;
import static io.xlj.xen.XenConstants.HVMPV_reference_tsc;
import static io.xlj.xen.XenConstants.HVMPV_stimer;
import static io.xlj.xen.XenConstants.HVMPV_synic;
import static io.xlj.xen.XenConstants.HVMPV_time_ref_count;

import io.xlj.config.model.HvmBuildInfo;
import java.util.BitSet;
import java.util.List;

/**
 * libxl's hvm_set_viridian_features: the Hyper-V enlightenments an HVM guest gets
 * ({@code viridian=1} for libxl's default groups, or a list of groups, {@code !group} to
 * drop one), as the HVM_PARAM_VIRIDIAN mask.
 */
final class ViridianFeatures {

    /** libxl_viridian_enlightenment, by value. */
    static final List<String> GROUPS = List.of("base", "freq", "time_ref_count", "reference_tsc",
            "hcall_remote_tlb_flush", "apic_assist", "crash_ctl", "synic", "stimer", "hcall_ipi",
            "ex_processor_masks", "no_vp_limit", "cpu_hotplug");
    private static final int BASE = 0;
    private static final List<String> DEFAULTS = List.of("base", "freq", "time_ref_count", "apic_assist", "crash_ctl",
            "no_vp_limit", "cpu_hotplug");

    private ViridianFeatures() {
    }

    /**
     * @return the mask, 0 for none (libxl then sets nothing)
     * @throws ToolstackException with libxl's words for a group both enabled and disabled, or
     *         groups without the base one
     */
    static long mask(HvmBuildInfo hvm, int domid) {
        BitSet on = new BitSet();
        if (hvm.viridian().valueOr(false)) {
            DEFAULTS.forEach(g -> on.set(GROUPS.indexOf(g)));
        }
        BitSet enable = hvm.viridianEnable() == null ? new BitSet() : hvm.viridianEnable();
        BitSet disable = hvm.viridianDisable() == null ? new BitSet() : hvm.viridianDisable();
        for (int v = enable.nextSetBit(0); v >= 0; v = enable.nextSetBit(v + 1)) {
            if (disable.get(v)) {
                throw new ToolstackException("hvm_set_viridian_features", domid,
                        (v < GROUPS.size() ? GROUPS.get(v) : "(null)") + " group both enabled and disabled");
            }
            if (v < GROUPS.size()) {
                on.set(v);
            }
        }
        for (int v = disable.nextSetBit(0); v >= 0 && v < GROUPS.size(); v = disable.nextSetBit(v + 1)) {
            on.clear(v);
        }
        if (!on.isEmpty() && !on.get(BASE)) {
            throw new ToolstackException("hvm_set_viridian_features", domid, "base group not enabled");
        }
        long mask = 0;
        if (on.get(BASE)) {
            mask |= HVMPV_base_freq;
            if (!on.get(group("freq"))) {
                mask |= HVMPV_no_freq;
            }
        }
        mask |= bit(on, "time_ref_count", HVMPV_time_ref_count);
        mask |= bit(on, "reference_tsc", HVMPV_reference_tsc);
        mask |= bit(on, "hcall_remote_tlb_flush", HVMPV_hcall_remote_tlb_flush);
        mask |= bit(on, "apic_assist", HVMPV_apic_assist);
        mask |= bit(on, "crash_ctl", HVMPV_crash_ctl);
        mask |= bit(on, "synic", HVMPV_synic);
        mask |= bit(on, "stimer", HVMPV_time_ref_count | HVMPV_synic | HVMPV_stimer);
        mask |= bit(on, "hcall_ipi", HVMPV_hcall_ipi);
        mask |= bit(on, "ex_processor_masks", HVMPV_ex_processor_masks);
        mask |= bit(on, "no_vp_limit", HVMPV_no_vp_limit);
        mask |= bit(on, "cpu_hotplug", HVMPV_cpu_hotplug);
        return mask;
    }

    private static int group(String name) {
        return GROUPS.indexOf(name);
    }

    private static long bit(BitSet on, String name, int bits) {
        return on.get(group(name)) ? bits : 0;
    }
}
