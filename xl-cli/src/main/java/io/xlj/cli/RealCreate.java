package io.xlj.cli;

import io.xlj.config.model.DomainConfig;
import io.xlj.libxl.Toolstack;
import io.xlj.libxl.ToolstackException;

/**
 * The part of xl's create_domain after parsing: libxl_domain_create_new, then unpause
 * unless {@code -p}. On failure xl exits with -ERROR_FAIL (3) after libxl's error lines.
 * A JVM of its own leaves no monitoring child behind: on_poweroff/on_reboot/on_crash are
 * carried out only for domains built inside xljd (bin/xl's usual way in dom0, {@link DomainBuilder}).
 */
final class RealCreate {

    private static final int ERROR_FAIL = 3;

    private RealCreate() {
    }

    /** A toolstack opened for this one create (xl's own way: a process per command). */
    static final DomainBuilder OWN_TOOLSTACK = (ctx, config, text, paused, monitored) -> {
        try (Toolstack ts = XenHost.open(ctx)) {
            return ts.create(config, paused);
        }
    };

    /**
     * @param console {@code -c}: the new domain's primary console on the caller's terminal
     *        once it is built (xenconsoled keeps what the guest printed meanwhile)
     * @param monitored false for {@code -e}
     */
    static int create(XlContext ctx, DomainConfig config, String configText, boolean paused, boolean console,
                      boolean monitored) {
        int domid;
        try {
            domid = ctx.caller().builder().build(ctx, Toolstack.withDomidPolicy(config, ctx.global().domidPolicy()),
                    configText, paused, monitored);
        } catch (ToolstackException e) {
            for (String line : LibxlErrorLines.of(e)) {
                ctx.err().print(line + "\n");
            }
            return ERROR_FAIL;
        }
        return console ? ConsoleCommand.attach(ctx, domid, null, 0) : 0;
    }
}
