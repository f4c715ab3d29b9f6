package io.xlj.xen;

/** What {@code xc_linux_build} returns: the machine frames of the xenstore and console rings. */
public record LinuxBuildResult(long storeMfn, long consoleMfn) {
}
