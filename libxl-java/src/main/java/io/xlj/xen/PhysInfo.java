package io.xlj.xen;

import java.util.List;
import java.util.stream.Collectors;

/** The host as the hypervisor sees it ({@code xc_physinfo}); page counts are 4 KiB pages. */
public record PhysInfo(int threadsPerCore, int coresPerSocket, int nrCpus, int maxCpuId, int nrNodes,
                       int maxNodeId, int cpuKhz, int capabilities, int archCapabilities, long totalPages,
                       long freePages, long scrubPages, long outstandingPages, long maxMfn, List<Integer> hwCap) {

    public PhysInfo {
        hwCap = List.copyOf(hwCap);
    }

    static PhysInfo from(xen_sysctl_physinfo p) {
        Integer[] caps = new Integer[p.hw_cap.length];
        for (int i = 0; i < caps.length; i++) {
            caps[i] = p.hw_cap[i];
        }
        return new PhysInfo(p.threads_per_core, p.cores_per_socket, p.nr_cpus, p.max_cpu_id, p.nr_nodes,
                p.max_node_id, p.cpu_khz, p.capabilities, p.arch_capabilities, p.total_pages, p.free_pages,
                p.scrub_pages, p.outstanding_pages, p.max_mfn, List.of(caps));
    }

    public boolean hasCapability(int physcapFlag) {
        return (capabilities & physcapFlag) != 0;
    }

    /** Total memory in MiB, as {@code xl info}'s total_memory. */
    public long totalMemoryMb() {
        return totalPages / (1024 * 1024 / XenConstants.XC_PAGE_SIZE);
    }

    /** Free memory in MiB, as {@code xl info}'s free_memory. */
    public long freeMemoryMb() {
        return freePages / (1024 * 1024 / XenConstants.XC_PAGE_SIZE);
    }

    /** {@code xl info}'s hw_caps: eight 32-bit words, %08x, joined by ':'. */
    public String hwCapsString() {
        return hwCap.stream().map(w -> String.format("%08x", w)).collect(Collectors.joining(":"));
    }
}
