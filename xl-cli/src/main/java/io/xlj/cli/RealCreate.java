package io.xlj.cli;

import io.xlj.config.model.DomainConfig;
import io.xlj.libxl.Toolstack;
import io.xlj.libxl.ToolstackException;
import java.nio.charset.StandardCharsets;

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

    static int create(XlContext ctx, DomainConfig config, String configText, boolean paused) {
        try (Toolstack ts = XenHost.open(ctx)) {
            int domid;
            try {
                domid = ts.create(config, paused);
            } catch (ToolstackException e) {
                ctx.err().print("libxl: error: " + describe(e) + "\n");
                return ERROR_FAIL;
            }
            // xl keeps the config text it parsed next to libxl's JSON (libxl_userdata_store "xl").
            ts.storeUserdata(domid, "xl", configText.getBytes(StandardCharsets.ISO_8859_1));
        }
        return 0;
    }

    private static String describe(ToolstackException e) {
        StringBuilder s = new StringBuilder();
        if (e.domid() != null) {
            s.append("Domain ").append(e.domid()).append(':');
        }
        s.append(e.getMessage());
        return s.toString();
    }
}
