package io.xlj.cli;

import io.xlj.config.model.DomainConfig;
import io.xlj.libxl.Toolstack;
import io.xlj.libxl.ToolstackException;

/**
 * The part of xl's create_domain after parsing: libxl_domain_create_new, then unpause
 * unless {@code -p}. On failure xl exits with -ERROR_FAIL (3) after libxl's error lines.
 * xlj does not (yet) leave a monitoring child behind, so on_poweroff/on_reboot/on_crash are
 * stored in the domain's config but not acted upon.
 */
final class RealCreate {

    private static final int ERROR_FAIL = 3;

    private RealCreate() {
    }

    static int create(XlContext ctx, DomainConfig config, boolean paused) {
        try (Toolstack ts = XenHost.open(ctx)) {
            try {
                ts.create(Toolstack.withDomidPolicy(config, ctx.global().domidPolicy()), paused);
            } catch (ToolstackException e) {
                for (String line : LibxlErrorLines.of(e)) {
                    ctx.err().print(line + "\n");
                }
                return ERROR_FAIL;
            }
        }
        return 0;
    }
}
