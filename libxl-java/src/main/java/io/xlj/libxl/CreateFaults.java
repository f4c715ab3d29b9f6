package io.xlj.libxl;

/**
 * Fault injection for the create path, so that the lab can prove that a create failing at any
 * step leaves nothing behind (issue 6: "every create either fully succeeds or is fully rolled
 * back"). {@code XLJ_FAULT_AT=<step>} in the environment of the process that builds the domain
 * (xl run with {@code XLJ_NO_DAEMON=1}, or xljd itself) makes the step of that name fail as if
 * its call had failed; the step names are the ones the creators report in their errors
 * ("xc_dom_build_image", "vif devices", …). Unset, as everywhere outside those tests, it does
 * nothing.
 */
final class CreateFaults {

    private static final String AT = System.getenv("XLJ_FAULT_AT");

    private CreateFaults() {
    }

    /** Called as a create enters {@code step}; throws when the environment asked for a fault there. */
    static void enter(String step, Integer domid) {
        if (AT != null && AT.equals(step)) {
            throw new ToolstackException(step, domid, "fault injected at " + step + " (XLJ_FAULT_AT)");
        }
    }
}
