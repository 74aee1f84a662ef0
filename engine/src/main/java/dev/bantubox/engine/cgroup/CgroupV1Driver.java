package dev.bantubox.engine.cgroup;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntConsumer;

/** The cgroup v1 interface files: one hierarchy per controller (or group of controllers). */
final class CgroupV1Driver extends CgroupDriver {
    /** v1 shows "no limit" as the largest page-aligned long (9223372036854771712); anything this big counts as none. */
    private static final long UNLIMITED_FROM = 1L << 62;

    CgroupV1Driver(CgroupFiles files) {
        super(files);
    }

    @Override
    void writeCpuLimits(Path directory, CgroupLimits limits) {
        if (limits.cpus() != null) {
            // The kernel checks the quota against the period it has now, so the period goes first.
            files.write(directory.resolve("cpu.cfs_period_us"), String.valueOf(CgroupLimits.CPU_PERIOD_MICROS));
            files.write(directory.resolve("cpu.cfs_quota_us"), String.valueOf(limits.cpuQuotaMicros()));
        }
        if (limits.cpuShares() != null) {
            files.write(directory.resolve("cpu.shares"), String.valueOf(limits.cpuShares()));
        }
    }

    @Override
    Path swapLimitFile(Path directory) {
        return directory.resolve("memory.memsw.limit_in_bytes");
    }

    @Override
    void writeMemoryFiles(Path directory, CgroupLimits limits, boolean update, boolean swapAccounted) {
        long memory = limits.memoryBytes();
        Path limitFile = directory.resolve("memory.limit_in_bytes");
        if (!swapAccounted) {
            writeMemoryLimit(limitFile, memory);
            return;
        }
        Path swapFile = swapLimitFile(directory);
        long currentSwapTotal = readLimit(swapFile);
        long newSwapTotal = swapTotal(limits, update, readLimit(limitFile), currentSwapTotal);
        // The kernel keeps memory.limit_in_bytes <= memory.memsw.limit_in_bytes after every single
        // write and rejects a write that breaks it with EINVAL. So the memory limit goes first when it
        // fits under the current memory+swap limit (lowering), and memory+swap first when it does not.
        if (memory <= currentSwapTotal) {
            writeMemoryLimit(limitFile, memory);
            files.write(swapFile, String.valueOf(newSwapTotal));
        } else {
            files.write(swapFile, String.valueOf(newSwapTotal));
            writeMemoryLimit(limitFile, memory);
        }
    }

    /**
     * Returns the memory+swap value to write. That is the requested one when limits sets it, else the
     * memory limit itself (no swap) for a new container. An update that leaves swap out keeps the swap
     * allowance the container had, on top of the new memory limit.
     */
    private static long swapTotal(CgroupLimits limits, boolean update, long currentMemory, long currentSwapTotal) {
        if (limits.memorySwapBytes() != null) {
            return limits.memorySwapBytes();
        }
        if (!update) {
            return limits.memoryBytes();
        }
        if (currentSwapTotal == Long.MAX_VALUE) {
            return CgroupLimits.UNLIMITED_SWAP;
        }
        return limits.memoryBytes() + (currentSwapTotal - Math.min(currentMemory, currentSwapTotal));
    }

    private void writeMemoryLimit(Path limitFile, long memory) {
        try {
            files.write(limitFile, String.valueOf(memory));
        } catch (CgroupException rejected) {
            if (rejected.errno().equals("EBUSY")) {
                // v1 tries to reclaim down to a new limit and gives up with EBUSY when it cannot.
                throw belowUsage(memory, memoryUsage(limitFile.getParent()));
            }
            throw rejected;
        }
    }

    /** Reads a v1 limit file; "no limit" becomes Long.MAX_VALUE. */
    private long readLimit(Path file) {
        long value = readLong(file);
        return value < 0 || value >= UNLIMITED_FROM ? Long.MAX_VALUE : value;
    }

    @Override
    void writePidsLimit(Path directory, long limit) {
        files.write(directory.resolve("pids.max"), String.valueOf(limit));
    }

    @Override
    void readCpuTime(Path directory, CgroupUsage.Builder usage) {
        usage.cpuNanos = readLong(directory.resolve("cpuacct.usage"));
    }

    @Override
    void readCpuBandwidth(Path directory, CgroupUsage.Builder usage) {
        Map<String, Long> stat = KeyedValues.parse(files.read(directory.resolve("cpu.stat")));
        usage.cpuPeriods = stat.get("nr_periods");
        usage.throttledPeriods = stat.get("nr_throttled");
        usage.throttledNanos = stat.get("throttled_time");
        long quota = readLong(directory.resolve("cpu.cfs_quota_us"));
        long period = readLong(directory.resolve("cpu.cfs_period_us"));
        usage.cpuLimit = quota > 0 && period > 0 ? quota / (double) period : null;
    }

    @Override
    void readMemory(Path directory, CgroupUsage.Builder usage) {
        usage.memoryBytes = readLong(directory.resolve("memory.usage_in_bytes"));
        usage.memoryPeakBytes = readLong(directory.resolve("memory.max_usage_in_bytes"));
        long limit = readLimit(directory.resolve("memory.limit_in_bytes"));
        usage.memoryLimitBytes = limit == Long.MAX_VALUE ? null : limit;
        // oom_kill in memory.oom_control exists since Linux 4.13; older kernels leave the count unknown.
        usage.oomKills = KeyedValues.parse(files.read(directory.resolve("memory.oom_control"))).get("oom_kill");
    }

    @Override
    long memoryUsage(Path directory) {
        return readLong(directory.resolve("memory.usage_in_bytes"));
    }

    @Override
    void readPids(Path directory, CgroupUsage.Builder usage) {
        usage.pids = readLong(directory.resolve("pids.current"));
        usage.pidsLimit = KeyedValues.parseLimit(files.read(directory.resolve("pids.max")));
        Path events = directory.resolve("pids.events");
        usage.rejectedForks = files.exists(events) ? KeyedValues.parse(files.read(events)).get("max") : null;
    }

    /**
     * Freezes the cgroup, sends SIGKILL to every process in it, and thaws it. A frozen process cannot
     * fork, so a fork bomb cannot make new processes between the listing and the kill. The kill takes
     * effect as the processes thaw.
     */
    @Override
    void killAll(Path directory, IntConsumer killer) {
        Path state = directory.resolve("freezer.state");
        for (int round = 0; round < KILL_ROUNDS; round++) {
            if (processesBelow(directory).isEmpty()) {
                return;
            }
            files.write(state, "FROZEN");
            // FREEZING means some processes are not frozen yet; kill anyway when it takes too long.
            waitUntil(() -> files.read(state).trim().equals("FROZEN"));
            processesBelow(directory).forEach(killer::accept);
            files.write(state, "THAWED");
            waitUntil(() -> processesBelow(directory).isEmpty());
        }
        requireEmpty(directory);
    }
}
