package io.xlj.libxl;

/**
 * Fault injection for the create path, so that the lab can prove that a create failing at any
 * step leaves nothing behind (issue 6: "every create either fully succeeds or is fully rolled
 * back"). {@code XLJ_FAULT_AT=<step>} in the environment of the process that builds the domain
 * (xl's own JVM, xljd itself, or one xl command line that xljd runs for a client that has it) makes the step of that name fail as if
 * its call had failed; the step names are the ones the creators report in their errors
 * ("xc_dom_build_image", "vif devices", …). Unset, as everywhere outside those tests, it does
 * nothing.
 */
public final class CreateFaults {

    private static final String AT = System.getenv("XLJ_FAULT_AT");
    /** A step asked for by one caller of a shared process (xljd running an xl command line). */
    private static final ThreadLocal<String> CALLER_AT = new ThreadLocal<>();

    private CreateFaults() {
    }

    /**
     * Runs {@code action} on this thread as if this process's environment had
     * {@code XLJ_FAULT_AT=step} (null: as it has): how xljd gives an xl command line the
     * caller's fault without touching its other clients.
     */
    public static <T> T injecting(String step, java.util.function.Supplier<T> action) {
        String before = CALLER_AT.get();
        CALLER_AT.set(step);
        try {
            return action.get();
        } finally {
            CALLER_AT.set(before);
        }
    }

    /** The step asked for on this thread by {@link #injecting} (null: none), to hand to a helper thread. */
    static String current() {
        return CALLER_AT.get();
    }

    /** Called as a create enters {@code step}; throws when the environment asked for a fault there. */
    static void enter(String step, Integer domid) {
        String at = CALLER_AT.get() != null ? CALLER_AT.get() : AT;
        if (at != null && at.equals(step)) {
            throw new ToolstackException(step, domid, "fault injected at " + step + " (XLJ_FAULT_AT)");
        }
    }
}
