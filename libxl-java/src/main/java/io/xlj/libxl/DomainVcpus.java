package io.xlj.libxl;

import io.xlj.xen.DomainInfo;
import io.xlj.xen.VcpuAffinity;
import io.xlj.xen.VcpuInfo;
import io.xlj.xen.XenCallException;
import io.xlj.xen.XenCtrl;
import io.xlj.xenstore.XenstoreClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** libxl_list_vcpu and libxl_set_vcpuonline (PV/PVH: the guest is told through xenstore). */
final class DomainVcpus {

    private final XenCtrl xc;
    private final XenstoreClient xs;

    DomainVcpus(XenCtrl xc, XenstoreClient xs) {
        this.xc = xc;
        this.xs = xs;
    }

    /** Every vCPU up to max_vcpu_id; empty when the domain does not exist (libxl logs it). */
    Optional<List<VcpuState>> list(int domid) {
        Optional<DomainInfo> info = xc.domainInfo(domid);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        List<VcpuState> out = new ArrayList<>();
        for (int v = 0; v <= info.get().maxVcpuId(); v++) {
            try {
                VcpuInfo i = xc.vcpuInfo(domid, v);
                VcpuAffinity a = xc.vcpuAffinity(domid, v);
                out.add(new VcpuState(v, i.cpu(), i.online(), i.running(), i.blocked(), i.cpuTimeNs(), a.hard(), a.soft()));
            } catch (XenCallException e) {
                throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorED(
                        "libxl_domain.c:1691:libxl_list_vcpu", domid, "Getting vcpu info", e.errno())));
            }
        }
        return Optional.of(out);
    }

    /**
     * libxl_set_vcpuonline for PV/PVH guests: vCPUs 0..count-1 online, the rest offline, in
     * {@code cpu/N/availability}, one transaction.
     */
    void setOnline(int domid, int count) {
        DomainInfo info = xc.domainInfo(domid).orElseThrow(
                () -> new LibxlError(LibxlError.ERROR_DOMAIN_NOTFOUND, List.of()));
        if (count == 0) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorD(
                    "libxl_domain.c:1863:libxl_set_vcpuonline", domid, "Requested 0 VCPUs!")));
        }
        if (count > info.maxVcpuId() + 1) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorD(
                    "libxl_domain.c:1869:libxl_set_vcpuonline", domid,
                    "Requested " + count + " VCPUs, however maxcpus is " + (info.maxVcpuId() + 1) + "!")));
        }
        // libxl__domain_type: an HVM container is a PVH guest when /libxl/N/type says so; only
        // an HVM guest's vCPUs go through its device model (QMP), which xlj does not do yet.
        if (info.hvm() && !"pvh".equals(xs.readOptional("/libxl/" + domid + "/type").orElse(""))) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(), "xlj sets the online vCPUs of PV and PVH guests only");
        }
        String dom = XsPaths.dom(domid);
        xs.runInTransaction(t -> {
            for (int i = 0; i <= info.maxVcpuId(); i++) {
                t.write(dom + "/cpu/" + i + "/availability", i < count ? "online" : "offline");
            }
            return null;
        });
    }
}
