package io.xlj.libxl;

/** No domain has this id (libxl's ERROR_DOMAIN_NOTFOUND). */
public final class DomainNotFoundException extends ToolstackException {

    private static final long serialVersionUID = 1L;

    public DomainNotFoundException(int domid) {
        super("domain lookup", domid, "domain " + domid + " does not exist");
    }
}
