package io.xlj.libxl;

import io.xlj.xen.DomainInfo;
import io.xlj.xen.SchedParams;
import io.xlj.xen.XenCallException;
import io.xlj.xen.XenConstants;
import io.xlj.xen.XenCtrl;
import java.util.List;

/**
 * libxl_domain_sched_params_get / _set for the credit and credit2 schedulers (weight and
 * cap). The domain's scheduler is taken to be the host's (cpupool 0): xlj does not manage
 * cpupools yet.
 */
final class DomainSched {

    private final XenCtrl xc;

    DomainSched(XenCtrl xc) {
        this.xc = xc;
    }

    /** libxl_scheduler_to_string of the domain's scheduler. */
    String schedulerName() {
        return switch (xc.schedulerId()) {
            case XenConstants.XEN_SCHEDULER_CREDIT -> "credit";
            case XenConstants.XEN_SCHEDULER_CREDIT2 -> "credit2";
            case XenConstants.XEN_SCHEDULER_ARINC653 -> "arinc653";
            case XenConstants.XEN_SCHEDULER_RTDS -> "rtds";
            case XenConstants.XEN_SCHEDULER_NULL -> "null";
            default -> "unknown";
        };
    }

    SchedParams get(int domid, boolean credit2) {
        try {
            return credit2 ? xc.schedCredit2(domid) : xc.schedCredit(domid);
        } catch (XenCallException e) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorED(
                    credit2 ? "libxl_sched.c:410:sched_credit2_domain_get" : "libxl_sched.c:203:sched_credit_domain_get",
                    domid, credit2 ? "Getting domain sched credit2" : "Getting domain sched credit", e.errno())));
        }
    }

    /** sched_credit(2)_domain_set: null leaves a value as it is. */
    void set(int domid, boolean credit2, Integer weight, Integer cap) {
        DomainInfo info = xc.domainInfo(domid).orElseThrow(() -> new LibxlError(LibxlError.ERROR_INVAL, List.of()));
        SchedParams now = get(domid, credit2);
        String fn = credit2 ? "sched_credit2_domain_set" : "sched_credit_domain_set";
        int w = now.weight();
        int c = now.cap();
        if (weight != null) {
            if (weight < 1 || weight > 65535) {
                throw new LibxlError(LibxlError.ERROR_INVAL, List.of(LibxlLog.errorD(
                        "libxl_sched.c:" + (credit2 ? 445 : 238) + ":" + fn, domid,
                        "Cpu weight out of range, valid values are within range from 1 to 65535")));
            }
            w = weight;
        }
        if (cap != null) {
            int max = (info.maxVcpuId() + 1) * 100;
            if (cap < 0 || cap > max) {
                throw new LibxlError(LibxlError.ERROR_INVAL, List.of(LibxlLog.errorD(
                        "libxl_sched.c:" + (credit2 ? 455 : 248) + ":" + fn, domid,
                        "Cpu cap out of range, valid range is from 0 to " + max + " for specified number of vcpus")));
            }
            c = cap;
        }
        try {
            if (credit2) {
                xc.setSchedCredit2(domid, new SchedParams(w, c));
            } else {
                xc.setSchedCredit(domid, new SchedParams(w, c));
            }
        } catch (XenCallException e) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorED(
                    "libxl_sched.c:" + (credit2 ? 465 : 258) + ":" + fn, domid,
                    credit2 ? "Setting domain sched credit2" : "Setting domain sched credit", e.errno())));
        }
    }
}
