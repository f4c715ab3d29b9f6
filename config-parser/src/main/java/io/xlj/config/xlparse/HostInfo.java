package io.xlj.config.xlparse;

import io.xlj.config.spec.HostTopology;

/**
 * What parse_config_data learns from the host through libxl: its CPU and NUMA topology
 * (bitmap sizes, node: lists), the architecture (the default guest type) and Xen's
 * firmware directory (XENFIRMWAREDIR as Debian builds xl).
 */
public record HostInfo(HostTopology topology, boolean arm, String firmwareDir) {

    public static final String DEBIAN_FIRMWARE_DIR = "/usr/lib/xen-4.17/boot";

    /** The host that xlj's oracle shim (oracle/xl-shim.c) pretends to be: 4 CPUs, 1 node, x86. */
    public static final HostInfo ORACLE = new HostInfo(HostTopology.uniform(4, 1), false, DEBIAN_FIRMWARE_DIR);

    /** System property with the same meaning as XLJ_HOST_TOPOLOGY (in-process tests set it). */
    public static final String TOPOLOGY_PROPERTY = "xlj.host.topology";

    /**
     * The host this JVM runs on: {@link #TOPOLOGY_PROPERTY} when set, else
     * {@link HostTopology#current()} (which honours XLJ_HOST_TOPOLOGY).
     */
    public static HostInfo current() {
        String arch = System.getProperty("os.arch", "");
        String pretend = System.getProperty(TOPOLOGY_PROPERTY);
        HostTopology topology = pretend != null ? HostTopology.parse(pretend) : HostTopology.current();
        return new HostInfo(topology, arch.equals("aarch64") || arch.startsWith("arm"), DEBIAN_FIRMWARE_DIR);
    }

    public int maxCpus() {
        return topology.maxCpus();
    }
}
