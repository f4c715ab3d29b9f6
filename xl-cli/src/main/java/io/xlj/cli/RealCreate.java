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
    static final DomainBuilder OWN_TOOLSTACK = (ctx, config, text, paused) -> {
        try (Toolstack ts = XenHost.open(ctx)) {
            return ts.create(config, paused);
        }
    };

    static int create(XlContext ctx, DomainConfig config, String configText, boolean paused) {
        try {
            ctx.caller().builder().build(ctx, Toolstack.withDomidPolicy(config, ctx.global().domidPolicy()),
                    configText, paused);
        } catch (ToolstackException e) {
            for (String line : LibxlErrorLines.of(e)) {
                ctx.err().print(line + "\n");
            }
            return ERROR_FAIL;
        }
        return 0;
    }
}
