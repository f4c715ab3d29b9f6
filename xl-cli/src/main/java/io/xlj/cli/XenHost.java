package io.xlj.cli;

import io.xlj.libxl.Toolstack;
import io.xlj.xen.XenException;
import io.xlj.xenstore.XenstoreException;
import java.util.OptionalInt;

/**
 * The real host behind the commands that act on domains: opens the {@link Toolstack} as
 * xl's main() allocates its libxl context (failing with xl's "cannot init xl context"), or
 * lends the daemon's own to a command run inside xljd,
 * and resolves domain qualifiers as xl's find_domain does.
 */
final class XenHost {

    /** libxl's ERROR_INVAL: what libxl_name_to_domid answers for an unknown name. */
    static final int ERROR_INVAL = -6;

    private XenHost() {
    }

    static Toolstack open(XlContext ctx) {
        Toolstack shared = ctx.caller().builder().sharedToolstack();
        if (shared != null) {
            return shared;
        }
        try {
            return Toolstack.open();
        } catch (XenException | XenstoreException e) {
            ctx.err().print("xlj: " + e.getMessage() + "\n");
            ctx.err().print("cannot init xl context\n");
            throw new XlExit(1);
        }
    }

    /** libxl_domain_qualifier_to_domid: digits are an id (not checked), anything else a name; empty if unknown. */
    static OptionalInt qualifierToDomid(Toolstack ts, String p) {
        Long id = DomainQualifier.toDomid(p);
        if (id != null) {
            return OptionalInt.of((int) (long) id);
        }
        return ts.domidOf(p);
    }

    /** xl_utils.c find_domain: the domain id, or xl's message and exit 1. */
    static int findDomain(XlContext ctx, Toolstack ts, String p) {
        OptionalInt id = qualifierToDomid(ts, p);
        if (id.isEmpty()) {
            ctx.err().print(p + " is an invalid domain identifier (rc=" + ERROR_INVAL + ")\n");
            throw new XlExit(1);
        }
        return id.getAsInt();
    }
}
