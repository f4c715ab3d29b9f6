package io.xlj.libxl;

import io.xlj.config.GlobalConfig;
import io.xlj.xen.CreateDomainRequest;
import io.xlj.xen.XenCallException;
import io.xlj.xen.XenConstants;
import io.xlj.xen.XenCtrl;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * How libxl__domain_make picks the new domain's id: the one asked for (c_info.domid, valid
 * only for a restore), a random one when xl.conf says {@code domid_policy="random"}, else the
 * next one Xen hands out; and never one destroyed less than the reuse timeout ago (the domid
 * history): such a domain is destroyed again at once and another id tried, or, when that id was
 * asked for, the create fails.
 */
final class DomidAllocator {

    private static final int DOMID_MASK = 0x7fff;
    private static final int EEXIST = 17;

    private final XenCtrl xc;
    private final DomidHistory history;
    private final RandomGenerator random = new SecureRandom();

    DomidAllocator(XenCtrl xc, DomidHistory history) {
        this.xc = xc;
        this.history = history;
    }

    /** Creates the domain; {@code policy} is c_info.domid (a domid, INVALID_DOMID or RANDOM_DOMID). */
    int create(CreateDomainRequest request, long policy) {
        boolean asked = valid(policy);
        while (true) {
            int want = 0; // Xen's choice
            if (asked) {
                want = (int) policy;
            } else if (policy == Integer.toUnsignedLong(GlobalConfig.RANDOM_DOMID)) {
                want = random.nextInt() & DOMID_MASK;
                if (!valid(want)) {
                    continue;
                }
            }
            int domid;
            try {
                domid = xc.createDomain(request.withDomid(want));
            } catch (XenCallException e) {
                if (e.errno() == EEXIST && !asked && want != 0) {
                    continue; // the random id is taken: draw again
                }
                throw e;
            }
            if (!history.isRecent(domid)) {
                return domid;
            }
            xc.destroyDomain(domid);
            if (asked) {
                throw new ToolstackException("xc_domain_create", domid, "domain id recently used");
            }
        }
    }

    private static boolean valid(long domid) {
        return domid > 0 && domid < XenConstants.DOMID_FIRST_RESERVED;
    }
}
