package io.xlj.rpc;

/**
 * One row of {@code list}: what {@code xl list} prints. {@code state} uses xl's six letters
 * ({@code r b p s c d}, '-' when not set), {@code cpuTime} is in seconds.
 */
public record DomainEntry(int domid, String name, long memoryMiB, int vcpus, String state, double cpuTime) {
}
