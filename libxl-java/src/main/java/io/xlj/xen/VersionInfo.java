package io.xlj.xen;

/**
 * What the running hypervisor says about itself ({@code xc_version}), as {@code xl info}
 * prints it: xen_major, xen_minor, xen_extra, xen_caps, xen_changeset, xen_commandline,
 * cc_compiler, cc_compile_by, cc_compile_domain, cc_compile_date.
 */
public record VersionInfo(int major, int minor, String extraVersion, String capabilities, String changeset,
                          String commandline, String compiler, String compileBy, String compileDomain,
                          String compileDate) {

    /** E.g. "4.17.5-pre". */
    public String version() {
        return major + "." + minor + extraVersion;
    }
}
