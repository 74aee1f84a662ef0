package dev.bantubox.engine.cgroup;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The cgroup v2 interface files: one tree, controllers enabled per subtree, core files (cgroup.kill,
 * cgroup.freeze, cgroup.events, cpu.stat) in every non-root cgroup.
 */
final class CgroupV2Driver extends CgroupDriver {
    private static final int MIN_WEIGHT = 1;
    private static final int MAX_WEIGHT = 10_000;

    CgroupV2Driver(CgroupFiles files) {
        super(files);
    }

    @Override
    void writeCpuLimits(Path directory, CgroupLimits limits) {
        if (limits.cpus() != null) {
            // One file contains both ("$MAX $PERIOD"), so quota and period change together.
            files.write(directory.resolve("cpu.max"), limits.cpuQuotaMicros() + " " + CgroupLimits.CPU_PERIOD_MICROS);
        }
        if (limits.cpuShares() != null) {
            files.write(directory.resolve("cpu.weight"), String.valueOf(weightOf(limits.cpuShares())));
        }
    }

    /**
     * Maps v1 shares (2 to 262144, default 1024) linearly onto v2 weights (1 to 10000, default 100),
     * the mapping OCI runtimes use, so the same --cpu-shares means the same on both versions. The
     * default 1024 lands on 39, not 100: the two scales do not share their default point.
     */
    static int weightOf(int shares) {
        long weight = MIN_WEIGHT + ((long) (shares - CgroupLimits.MIN_CPU_SHARES) * (MAX_WEIGHT - MIN_WEIGHT))
                / (CgroupLimits.MAX_CPU_SHARES - CgroupLimits.MIN_CPU_SHARES);
        return (int) weight;
    }

    @Override
    Path swapLimitFile(Path directory) {
        return directory.resolve("memory.swap.max");
    }

    @Override
    void writeMemoryFiles(Path directory, CgroupLimits limits, boolean update, boolean swapAccounted) {
        long memory = limits.memoryBytes();
        // v2 has no ordering rule between the two, because memory.swap.max counts swap alone. The
        // memory limit goes first so that it applies before any swap is allowed.
        files.write(directory.resolve("memory.max"), String.valueOf(memory));
        if (!swapAccounted) {
            return;
        }
        Long swap = limits.memorySwapBytes();
        Path swapFile = swapLimitFile(directory);
        if (swap != null) {
            files.write(swapFile, swap == CgroupLimits.UNLIMITED_SWAP ? "max" : String.valueOf(swap - memory));
        } else if (!update) {
            files.write(swapFile, "0");
        }
    }

    @Override
    void writePidsLimit(Path directory, long limit) {
        files.write(directory.resolve("pids.max"), String.valueOf(limit));
    }

    @Override
    void readCpuTime(Path directory, CgroupUsage.Builder usage) {
        Long micros = KeyedValues.parse(files.read(directory.resolve("cpu.stat"))).get("usage_usec");
        usage.cpuNanos = micros == null ? null : micros * 1_000;
    }

    @Override
    void readCpuBandwidth(Path directory, CgroupUsage.Builder usage) {
        Map<String, Long> stat = KeyedValues.parse(files.read(directory.resolve("cpu.stat")));
        usage.cpuPeriods = stat.get("nr_periods");
        usage.throttledPeriods = stat.get("nr_throttled");
        Long throttledMicros = stat.get("throttled_usec");
        usage.throttledNanos = throttledMicros == null ? null : throttledMicros * 1_000;
        String[] max = files.read(directory.resolve("cpu.max")).trim().split("\\s+");
        usage.cpuLimit = max[0].equals("max") ? null : Long.parseLong(max[0]) / Double.parseDouble(max[1]);
    }

    @Override
    void readMemory(Path directory, CgroupUsage.Builder usage) {
        usage.memoryBytes = memoryUsage(directory);
        // memory.peak exists since Linux 5.19.
        usage.memoryPeakBytes = readLongIfPresent(directory.resolve("memory.peak"));
        usage.memoryLimitBytes = KeyedValues.parseLimit(files.read(directory.resolve("memory.max")));
        usage.oomKills = KeyedValues.parse(files.read(directory.resolve("memory.events"))).get("oom_kill");
    }

    @Override
    long memoryUsage(Path directory) {
        return readLong(directory.resolve("memory.current"));
    }

    @Override
    void readPids(Path directory, CgroupUsage.Builder usage) {
        usage.pids = readLong(directory.resolve("pids.current"));
        usage.pidsLimit = KeyedValues.parseLimit(files.read(directory.resolve("pids.max")));
        usage.rejectedForks = KeyedValues.parse(files.read(directory.resolve("pids.events"))).get("max");
    }

    /**
     * Kills with cgroup.kill (Linux 5.14+), which the kernel applies to the whole subtree at once, new
     * forks included. Older kernels get cgroup.freeze, SIGKILL to each process, and a thaw.
     */
    @Override
    void killAll(Path directory, IntConsumer killer) {
        Path kill = directory.resolve("cgroup.kill");
        if (files.exists(kill)) {
            for (int round = 0; round < KILL_ROUNDS && !processesBelow(directory).isEmpty(); round++) {
                files.write(kill, "1");
                waitUntil(() -> processesBelow(directory).isEmpty());
            }
            requireEmpty(directory);
            return;
        }
        Path freeze = directory.resolve("cgroup.freeze");
        Path events = directory.resolve("cgroup.events");
        for (int round = 0; round < KILL_ROUNDS && !processesBelow(directory).isEmpty(); round++) {
            files.write(freeze, "1");
            waitUntil(() -> Long.valueOf(1).equals(KeyedValues.parse(files.read(events)).get("frozen")));
            processesBelow(directory).forEach(killer::accept);
            files.write(freeze, "0");
            waitUntil(() -> processesBelow(directory).isEmpty());
        }
        requireEmpty(directory);
    }
}
