/**
 * xljd's domain monitor: one {@code @releaseDomain} watch for the whole host that carries out
 * every domain's on_poweroff/on_reboot/on_crash/on_watchdog action, as xl's per-domain
 * monitor processes do, and the marks that let a restarted daemon clean up creates it was
 * killed in.
 */
package io.xlj.libxl.monitor;
