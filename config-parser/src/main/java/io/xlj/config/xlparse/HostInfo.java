package io.xlj.config.xlparse;

/**
 * What parse_config_data learns from the host through libxl: the number of CPUs and
 * NUMA nodes (bitmap sizes), the architecture (the default guest type) and Xen's
 * firmware directory (XENFIRMWAREDIR as Debian builds it).
 */
public record HostInfo(int maxCpus, int maxNodes, boolean arm, String firmwareDir) {

    public static final String DEBIAN_FIRMWARE_DIR = "/usr/lib/xen-4.17/boot";

    /** The host that xlj's oracle shim (oracle/xl-shim.c) pretends to be: 4 CPUs, 1 node, x86. */
    public static final HostInfo ORACLE = new HostInfo(4, 1, false, DEBIAN_FIRMWARE_DIR);

    /**
     * The host this JVM runs on. The system properties {@code xlj.host.cpus} and
     * {@code xlj.host.nodes} override detection (tests pin the oracle's host).
     */
    public static HostInfo current() {
        int cpus = Integer.getInteger("xlj.host.cpus", Runtime.getRuntime().availableProcessors());
        int nodes = Integer.getInteger("xlj.host.nodes", 1);
        String arch = System.getProperty("os.arch", "");
        return new HostInfo(cpus, nodes, arch.equals("aarch64") || arch.startsWith("arm"), DEBIAN_FIRMWARE_DIR);
    }
}
