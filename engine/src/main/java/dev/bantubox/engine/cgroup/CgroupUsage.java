package dev.bantubox.engine.cgroup;

/**
 * One sample of a container's cgroup figures, as the kernel counts them. A null figure is one this
 * host does not offer (its controller is not mounted, or the kernel is too old for the file).
 *
 * @param sampledAtNanos   System.nanoTime() when the sample was taken
 * @param cpuNanos         CPU time used by every process of the container, in nanoseconds
 * @param cpuLimit         the CPU bandwidth limit in cores, or null when there is none
 * @param cpuPeriods       enforcement periods that had runnable processes
 * @param throttledPeriods periods in which the quota ran out and the processes were held back
 * @param throttledNanos   the time they were held back
 * @param memoryBytes      memory charged to the container now
 * @param memoryPeakBytes  the most memory charged at once since the cgroup was made
 * @param memoryLimitBytes the memory limit, or null when there is none
 * @param oomKills         processes the OOM killer ended because of the container's limit
 * @param pids             processes and threads now
 * @param pidsLimit        the process limit, or null when there is none
 * @param rejectedForks    fork() and clone() calls that failed because the process limit was reached
 */
public record CgroupUsage(long sampledAtNanos, Long cpuNanos, Double cpuLimit, Long cpuPeriods, Long throttledPeriods,
                          Long throttledNanos, Long memoryBytes, Long memoryPeakBytes, Long memoryLimitBytes,
                          Long oomKills, Long pids, Long pidsLimit, Long rejectedForks) {

    /**
     * Returns the share of one core used between an earlier sample and this one: 0.5 is half a core, 2.0 two
     * full cores. Null when either sample has no CPU time or no time passed.
     */
    public Double cpuShareSince(CgroupUsage earlier) {
        long wallNanos = sampledAtNanos - earlier.sampledAtNanos;
        if (cpuNanos == null || earlier.cpuNanos == null || wallNanos <= 0) {
            return null;
        }
        return (cpuNanos - earlier.cpuNanos) / (double) wallNanos;
    }

    /** Collects figures from the drivers; every figure starts unknown. */
    static final class Builder {
        private final long sampledAtNanos = System.nanoTime();
        Long cpuNanos;
        Double cpuLimit;
        Long cpuPeriods;
        Long throttledPeriods;
        Long throttledNanos;
        Long memoryBytes;
        Long memoryPeakBytes;
        Long memoryLimitBytes;
        Long oomKills;
        Long pids;
        Long pidsLimit;
        Long rejectedForks;

        CgroupUsage build() {
            return new CgroupUsage(sampledAtNanos, cpuNanos, cpuLimit, cpuPeriods, throttledPeriods, throttledNanos,
                    memoryBytes, memoryPeakBytes, memoryLimitBytes, oomKills, pids, pidsLimit, rejectedForks);
        }
    }
}
