package io.xlj.cli;

/**
 * libxl_domain_qualifier_to_domid as xl's dry-run commands use it: a string of digits
 * (including the empty string) is a domain id; anything else is a domain name to look
 * up. xlj cannot list domains yet (issues 6/7 bring the hypervisor and xenstore), so a
 * name is not found, as on the oracle's pretend host with no domains, where libxl
 * answers ERROR_NOMEM (-5).
 */
final class DomainQualifier {

    /** The libxl error code a failed name lookup returns on a host without domains. */
    static final int NAME_LOOKUP_RC = -5;

    private DomainQualifier() {
    }

    /** The domain id, or null when {@code p} names a domain that cannot be found. */
    static Long toDomid(String p) {
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        // strtoul(name, NULL, 10) stored into a uint32_t
        return io.xlj.config.spec.CNumbers.strtoul(p, 10).value() & 0xFFFF_FFFFL;
    }

    /** xl_utils.c find_domain: the domain id, or xl's message and exit 1. */
    static long find(XlContext ctx, String p) {
        Long id = toDomid(p);
        if (id == null) {
            ctx.err().print(p + " is an invalid domain identifier (rc=" + NAME_LOOKUP_RC + ")\n");
            throw new XlExit(1);
        }
        return id;
    }

    /** What the commands say when asked to act on a real domain without -N. */
    static int needsHypervisor(XlContext ctx, String command) {
        ctx.err().print("xlj: `xl " + command + "' without -N needs Xen, which xlj does not drive yet\n");
        return 1;
    }
}
