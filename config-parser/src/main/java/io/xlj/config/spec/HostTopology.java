package io.xlj.config.spec;

import java.util.Arrays;

/**
 * What xl asks the hypervisor about the host's CPUs when it parses CPU lists:
 * {@code libxl_get_max_cpus} and {@code libxl_get_max_nodes} (the sizes of cpu and node
 * bitmaps) and the node of every CPU ({@code libxl_get_cpu_topology}).
 *
 * @param maxCpus   libxl_get_max_cpus
 * @param maxNodes  libxl_get_max_nodes
 * @param cpuNodes  node of CPU i (libxl_cputopology.node), -1 for an invalid entry
 */
public record HostTopology(int maxCpus, int maxNodes, int[] cpuNodes) {

    /** The environment variable that describes a pretend host: {@code cpus=N,nodes=M}. */
    public static final String ENV = "XLJ_HOST_TOPOLOGY";

    /** The system property that does the same (takes precedence; for in-process tests). */
    public static final String PROPERTY = "xlj.hostTopology";

    public HostTopology {
        cpuNodes = cpuNodes.clone();
    }

    @Override
    public int[] cpuNodes() {
        return cpuNodes.clone();
    }

    /** {@code cpus} CPUs split evenly over {@code nodes} nodes in order (0..k-1 on node 0, ...). */
    public static HostTopology uniform(int cpus, int nodes) {
        int[] map = new int[cpus];
        int perNode = Math.max(1, cpus / Math.max(1, nodes));
        for (int i = 0; i < cpus; i++) {
            map[i] = Math.min(i / perNode, nodes - 1);
        }
        return new HostTopology(cpus, nodes, map);
    }

    /**
     * {@code cpus=N,nodes=M} as in {@link #ENV}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static HostTopology parse(String text) {
        int cpus = -1;
        int nodes = 1;
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException(ENV + ": expected cpus=N,nodes=M, got `" + text + "'");
            }
            int v;
            try {
                v = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ENV + ": `" + kv[1] + "' is not a number");
            }
            switch (kv[0].trim()) {
                case "cpus" -> cpus = v;
                case "nodes" -> nodes = v;
                default -> throw new IllegalArgumentException(ENV + ": unknown key `" + kv[0] + "'");
            }
        }
        if (cpus < 1 || nodes < 1) {
            throw new IllegalArgumentException(ENV + ": cpus and nodes must be positive in `" + text + "'");
        }
        return uniform(cpus, nodes);
    }

    /**
     * The host xl would see. Until xlj talks to the hypervisor (physinfo and cpu topology
     * are not bound yet), this is {@link #PROPERTY} or {@link #ENV} when set, else Linux's
     * view of the CPUs and nodes, which in dom0 may differ from Xen's physical CPUs.
     */
    public static HostTopology current() {
        String env = System.getProperty(PROPERTY, System.getenv(ENV));
        if (env != null && !env.isBlank()) {
            return parse(env);
        }
        int cpus = Math.max(1, countList(read("/sys/devices/system/cpu/possible"), Runtime.getRuntime().availableProcessors()));
        int nodes = Math.max(1, countList(read("/sys/devices/system/node/possible"), 1));
        return uniform(cpus, nodes);
    }

    private static String read(String path) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(path)).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** Counts the entries of a Linux list like "0-3,5"; {@code dflt} when unreadable. */
    private static int countList(String list, int dflt) {
        if (list == null || list.isEmpty()) {
            return dflt;
        }
        int n = 0;
        try {
            for (String r : list.split(",")) {
                String[] ab = r.split("-");
                int a = Integer.parseInt(ab[0]);
                int b = ab.length > 1 ? Integer.parseInt(ab[1]) : a;
                n = Math.max(n, b + 1);
            }
        } catch (NumberFormatException e) {
            return dflt;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostTopology h && h.maxCpus == maxCpus && h.maxNodes == maxNodes
                && Arrays.equals(h.cpuNodes, cpuNodes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * maxCpus + maxNodes) + Arrays.hashCode(cpuNodes);
    }

    @Override
    public String toString() {
        return "HostTopology[maxCpus=" + maxCpus + ", maxNodes=" + maxNodes + ", cpuNodes="
                + Arrays.toString(cpuNodes) + "]";
    }
}
