package io.xlj.rpc;

/** The answer of {@code info}: the daemon and the hypervisor it drives. */
public record HostInfo(String xljVersion, String xenVersion, String hostname, long totalMemoryMiB,
        long freeMemoryMiB, int nrCpus) {
}
