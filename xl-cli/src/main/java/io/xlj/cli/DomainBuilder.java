package io.xlj.cli;

import io.xlj.config.model.DomainConfig;
import io.xlj.libxl.Toolstack;
import io.xlj.libxl.ToolstackException;

/**
 * Where {@code xl create} builds its domain once the config is parsed. A JVM of its own
 * ({@link RealCreate#OWN_TOOLSTACK}) opens a toolstack for the one create; inside xljd the
 * daemon's backend builds it ({@link ToolstackDomainService#buildForXl}), which also marks the
 * create in flight, keeps the config text for restarts and hands the domain to the monitor
 * that carries out its on_poweroff/on_reboot/on_crash.
 */
@FunctionalInterface
interface DomainBuilder {

    /**
     * @param config the parsed config, domid policy applied
     * @param configText the text it was parsed from, KEY=VALUE overrides included
     * @param monitored false for {@code xl create -e}: nobody carries out the domain's
     *        on_poweroff/on_reboot/on_crash (it stays shut down until destroyed)
     * @return the new domain's id
     * @throws ToolstackException with libxl's error lines when the create failed and was rolled back
     */
    int build(XlContext ctx, DomainConfig config, String configText, boolean paused, boolean monitored)
            throws ToolstackException;

    /**
     * Whether {@link #waitForDeath} can follow a domain here: only where a monitor carries out
     * its on_poweroff/on_reboot/on_crash (inside xljd), not in a JVM of its own.
     */
    default boolean follows() {
        return false;
    }

    /**
     * The toolstack every command acts through where one is open already (xljd's), lent so
     * that the command's close leaves it open; null where each command opens its own.
     */
    default Toolstack sharedToolstack() {
        return null;
    }

    /**
     * {@code xl create -F}: stays with the new domain as xl's foreground monitor does, writing
     * its lines to the command's stderr, until the domain is gone or left shut down, across
     * restarts.
     *
     * @return the command's exit status
     */
    default int waitForDeath(XlContext ctx, int domid, String name) {
        throw new UnsupportedOperationException("this builder does not follow domains");
    }
}
