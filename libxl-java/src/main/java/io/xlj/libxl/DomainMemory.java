package io.xlj.libxl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xlj.xen.DomainInfo;
import io.xlj.xen.XenCallException;
import io.xlj.xen.XenCtrl;
import io.xlj.xenstore.XenstoreClient;
import java.util.List;
import java.util.Optional;

/**
 * libxl_domain_setmaxmem and libxl_set_memory_target (absolute, enforced, as xl mem-max /
 * mem-set call them) for PV guests: the hypervisor's limit gets libxl's extra 1 MiB
 * (LIBXL_MAXMEM_CONSTANT on x86), xenstore's {@code memory/static-max} and
 * {@code memory/target} (and {@code /vm/UUID/memory} in MiB) what the guest is told.
 */
final class DomainMemory {

    /** libxl__arch_extra_memory on x86. */
    static final long EXTRA_KB = 1024;

    private final XenCtrl xc;
    private final XenstoreClient xs;
    private final Userdata userdata;

    DomainMemory(XenCtrl xc, XenstoreClient xs, Userdata userdata) {
        this.xc = xc;
        this.xs = xs;
        this.userdata = userdata;
    }

    void setMax(int domid, long maxKb) {
        lockDomainUserdata(domid);
        String dom = XsPaths.dom(domid);
        long target = number(xs.readOptional(dom + "/memory/target"), domid, "libxl_mem.c:47:libxl_domain_setmaxmem",
                "Cannot get memory info from " + dom + "/memory/target");
        if (Long.compareUnsigned(maxKb, target) < 0) {
            throw new LibxlError(1, List.of(LibxlLog.errorD("libxl_mem.c:59:libxl_domain_setmaxmem", domid,
                    "memory_static_max must be greater than or or equal to memory_dynamic_max")));
        }
        storedConfig(domid);
        try {
            xc.setMaxMemKb(domid, maxKb + EXTRA_KB);
        } catch (XenCallException e) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorED("libxl_mem.c:78:libxl_domain_setmaxmem",
                    domid, "xc_domain_setmaxmem domid=" + domid + " memkb=" + (maxKb + EXTRA_KB) + " failed rc=-1\n",
                    e.errno())));
        }
        xs.write(dom + "/memory/static-max", Long.toUnsignedString(maxKb));
    }

    void setTarget(int domid, long targetKb) {
        lockDomainUserdata(domid);
        ObjectNode config = storedConfig(domid);
        boolean pv = "pv".equals(config.path("c_info").path("type").asText("pv"));
        String dom = XsPaths.dom(domid);
        xs.runInTransaction(t -> {
            long current = number(t.readOptional(dom + "/memory/target"), domid,
                    "libxl_mem.c:234:libxl_set_memory_target", "Cannot get target memory info from " + dom + "/memory/target");
            long max = number(t.readOptional(dom + "/memory/static-max"), domid,
                    "libxl_mem.c:251:libxl_set_memory_target", "Cannot get memory info from " + dom + "/memory/static-max");
            long videoram = t.readOptional(dom + "/memory/videoram").map(DomainMemory::atoi).orElse(0L);
            long wanted = targetKb - videoram;
            if (Long.compareUnsigned(wanted, max) > 0) {
                throw new LibxlError(LibxlError.ERROR_INVAL, List.of(LibxlLog.errorD(
                        "libxl_mem.c:278:libxl_set_memory_target", domid,
                        "memory_dynamic_max must be less than or equal to memory_static_max\n")));
            }
            try {
                xc.setMaxMemKb(domid, wanted + videoram + EXTRA_KB);
            } catch (XenCallException e) {
                throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorED(
                        "libxl_mem.c:299:libxl_set_memory_target", domid, "xc_domain_setmaxmem memkb="
                                + (wanted + videoram + EXTRA_KB) + " failed rc=-1\n", e.errno())));
            }
            if (!pv) {
                long pages = (wanted + EXTRA_KB) / 4;
                try {
                    xc.setPodTarget(domid, pages);
                } catch (XenCallException e) {
                    throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorED(
                            "libxl_mem.c:313:libxl_set_memory_target", domid, "xc_domain_set_pod_target memkb="
                                    + pages + " failed rc=-1\n", e.errno())));
                }
            }
            t.write(dom + "/memory/target", Long.toUnsignedString(wanted));
            DomainInfo info = xc.domainInfo(domid).orElseThrow(() -> new LibxlError(LibxlError.ERROR_FAIL, List.of()));
            t.write(XsPaths.vm(info.uuid()) + "/memory", Long.toUnsignedString(Long.divideUnsigned(wanted, 1024)));
            return null;
        });
    }

    /**
     * libxl__lock_domain_userdata's check: the lock file is named after the domain's uuid,
     * so a domain that does not exist fails here first (ERROR_LOCK_FAIL). libxl's LOGE adds
     * strerror of whatever errno the process had; ENOENT is what xl shows in practice.
     */
    private void lockDomainUserdata(int domid) {
        if (xc.domainInfo(domid).isEmpty()) {
            throw new LibxlError(-15, List.of(LibxlLog.error("libxl_dom.c:1216:libxl__userdata_path",
                    "unable to find domain info for domain " + Integer.toUnsignedString(domid)
                            + ": No such file or directory")));
        }
    }

    private ObjectNode storedConfig(int domid) {
        DomainInfo info = xc.domainInfo(domid).orElseThrow(() -> new LibxlError(LibxlError.ERROR_FAIL, List.of(
                LibxlLog.error("libxl_mem.c", "unable to retrieve domain configuration"))));
        return DomainConfigRetriever.read(userdata.path(domid, info.uuid(), Userdata.LIBXL_JSON), domid);
    }

    private static long number(Optional<String> value, int domid, String site, String what) {
        if (value.isEmpty()) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorED(site, domid, what, 2)));
        }
        try {
            return Long.parseUnsignedLong(value.get());
        } catch (NumberFormatException e) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(), "invalid number '" + value.get() + "' in xenstore ("
                    + what.replaceFirst("^Cannot get [a-z ]+ from ", "") + ")");
        }
    }

    private static long atoi(String s) {
        int i = 0;
        long v = 0;
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i++) == '-';
        }
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            v = v * 10 + (s.charAt(i++) - '0');
        }
        return neg ? -v : v;
    }
}
