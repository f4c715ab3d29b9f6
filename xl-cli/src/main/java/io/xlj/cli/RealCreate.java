package io.xlj.cli;

import io.xlj.config.model.DomainConfig;
import io.xlj.libxl.LibxlMessages;
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

    /** Who carries out the new domain's on_poweroff/on_reboot/on_crash, as xl's create options choose. */
    enum Monitoring {
        /** xl's daemonized monitor; here xljd's monitor, the command returns at once. */
        BACKGROUND,
        /** {@code -e}: nobody; the domain stays shut down until destroyed. */
        NONE,
        /** {@code -F}: as BACKGROUND, and the command stays with the domain until it ends, writing xl's monitor lines. */
        FOREGROUND
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
     */
    static int create(XlContext ctx, DomainConfig config, String configText, boolean paused, boolean console,
                      Monitoring monitoring) {
        DomainBuilder builder = ctx.caller().builder();
        if (monitoring == Monitoring.FOREGROUND && (console || !builder.follows())) {
            // Refused before anything is built. xlj's console runs after the command returns,
            // and only xljd's monitor carries out a domain's shutdown actions.
            ctx.err().print(console ? "xlj: create -F with -c is not supported (the console would only start once"
                    + " the domain has ended)\n" : "xlj: create -F needs xljd, whose monitor carries out the domain's"
                    + " on_poweroff/on_reboot/on_crash; this xl runs without the daemon\n");
            return ERROR_FAIL;
        }
        int domid;
        // libxl's lines for what it logs and goes on with, on stderr as xl prints them.
        try (LibxlMessages.Scope messages = LibxlMessages.to(line -> ctx.err().print(line + "\n"))) {
            domid = builder.build(ctx, Toolstack.withDomidPolicy(config, ctx.global().domidPolicy()),
                    configText, paused, monitoring != Monitoring.NONE);
        } catch (ToolstackException e) {
            for (String line : LibxlErrorLines.of(e)) {
                ctx.err().print(line + "\n");
            }
            return ERROR_FAIL;
        }
        if (monitoring == Monitoring.FOREGROUND) {
            return builder.waitForDeath(ctx, domid, config.cInfo().name());
        }
        return console ? ConsoleCommand.attach(ctx, domid, null, 0) : 0;
    }
}
