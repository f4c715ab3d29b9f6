package io.xlj.cli;

import io.xlj.config.model.DomainConfig;
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
}
