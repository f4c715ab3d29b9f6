package io.xlj.xenstore;

/**
 * Words for the errors a daemon gives when one of its quotas is hit, since the bare
 * errno names (E2BIG, ENOSPC) do not say so. C xenstored enforces quotas on
 * unprivileged domains only and answers ENOSPC (E2BIG for too many watches);
 * oxenstored applies quota-maxsize (2048-byte values) to dom0 too and answers E2BIG.
 */
final class QuotaHints {
    private QuotaHints() {
    }

    static String hint(String errorName, String op) {
        switch (errorName) {
            case "E2BIG":
                if ("WRITE".equals(op)) {
                    return "xenstored refused the value's size (its node-size quota; "
                            + "oxenstored allows 2048 bytes by default)";
                }
                if ("WATCH".equals(op)) {
                    return "xenstored's watch quota for this connection is used up";
                }
                if ("DIRECTORY".equals(op)) {
                    return "the listing does not fit in one reply";
                }
                return "xenstored refused the size of the request or reply";
            case "ENOSPC":
                return "a xenstored quota was exceeded (nodes, transactions, watches or memory)";
            case "EQUOTA":
                return "a xenstored quota was exceeded";
            default:
                return null;
        }
    }
}
