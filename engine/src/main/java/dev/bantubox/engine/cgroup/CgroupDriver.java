package dev.bantubox.engine.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * The interface files of one cgroup version: which file contains a limit or a figure, in which form,
 * and in which order the kernel wants them written. Every method works on one container cgroup
 * directory of the hierarchy that carries the controller in question.
 */
abstract class CgroupDriver {
    /** How often the kill of a cgroup's processes is tried before it counts as failed. */
    static final int KILL_ROUNDS = 5;
    static final long STATE_WAIT_MILLIS = 2_000;

    final CgroupFiles files;

    CgroupDriver(CgroupFiles files) {
        this.files = files;
    }

    static CgroupDriver of(CgroupHierarchy hierarchy, CgroupFiles files) {
        return hierarchy.isV2() ? new CgroupV2Driver(files) : new CgroupV1Driver(files);
    }

    /** Writes the CPU bandwidth and weight that limits sets; null fields are left as they are. */
    abstract void writeCpuLimits(Path directory, CgroupLimits limits);

    /**
     * Writes the memory (and memory+swap) limit. An update keeps a swap allowance that limits does not
     * set. Throws IllegalArgumentException, before anything is written, when limits sets memory+swap on
     * a host that does not account swap, or when an update goes below the current usage.
     */
    final void writeMemoryLimits(Path directory, CgroupLimits limits, boolean update) {
        Long memory = limits.memoryBytes();
        if (memory == null) {
            return;
        }
        Path swapFile = swapLimitFile(directory);
        boolean swapAccounted = files.exists(swapFile);
        if (!swapAccounted && limits.memorySwapBytes() != null) {
            throw swapNotAccounted(swapFile);
        }
        if (update) {
            // A limit below usage is rejected before the write, because v2 accepts it and then reclaims or
            // OOM-kills at once, and v1 tries to reclaim down to it before it gives up with EBUSY.
            long usage = memoryUsage(directory);
            if (memory < usage) {
                throw belowUsage(memory, usage);
            }
        }
        writeMemoryFiles(directory, limits, update, swapAccounted);
    }

    /** Returns the swap limit file, which exists only where the kernel accounts swap per cgroup. */
    abstract Path swapLimitFile(Path directory);

    /** Writes the memory limit files after the checks, for limits whose memory is set. */
    abstract void writeMemoryFiles(Path directory, CgroupLimits limits, boolean update, boolean swapAccounted);

    abstract void writePidsLimit(Path directory, long limit);

    /** Reads the CPU time used, from the hierarchy that does CPU accounting. */
    abstract void readCpuTime(Path directory, CgroupUsage.Builder usage);

    /** Reads the CPU limit and how often it held the container back, from the cpu controller. */
    abstract void readCpuBandwidth(Path directory, CgroupUsage.Builder usage);

    abstract void readMemory(Path directory, CgroupUsage.Builder usage);

    abstract void readPids(Path directory, CgroupUsage.Builder usage);

    /**
     * Kills every process in directory and its descendants, so that no fork() can race the kill,
     * and returns once none is left. Throws IllegalStateException when processes remain.
     */
    abstract void killAll(Path directory, IntConsumer killer);

    /** Returns the memory charged to the cgroup now, for the check before a lower limit. */
    abstract long memoryUsage(Path directory);

    /** Lists the processes of directory and of every cgroup below it. */
    List<Integer> processesBelow(Path directory) {
        List<Integer> pids = new ArrayList<>();
        if (!files.exists(directory)) {
            return pids;
        }
        for (String line : files.read(directory.resolve("cgroup.procs")).split("\n")) {
            if (!line.isBlank()) {
                pids.add(Integer.parseInt(line.trim()));
            }
        }
        for (Path child : files.childDirectories(directory)) {
            pids.addAll(processesBelow(child));
        }
        return pids;
    }

    /** Sends the kill to every listed process, round after round, until the cgroup is empty. */
    void killListedProcesses(Path directory, IntConsumer killer) {
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<Integer> pids = processesBelow(directory);
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(killer::accept);
            waitUntil(() -> processesBelow(directory).isEmpty());
        }
        requireEmpty(directory);
    }

    void requireEmpty(Path directory) {
        List<Integer> left = processesBelow(directory);
        if (!left.isEmpty()) {
            throw new IllegalStateException("processes " + left + " are still in " + directory + " after "
                    + KILL_ROUNDS + " rounds of SIGKILL; they may be stuck in the kernel (state D in ps)."
                    + " Kill them by pid, then remove the directory with rmdir");
        }
    }

    /** Polls condition with a short, growing pause, for at most {@link #STATE_WAIT_MILLIS}. */
    static boolean waitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + STATE_WAIT_MILLIS * 1_000_000;
        long pauseMillis = 1;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
            pauseMillis = Math.min(pauseMillis * 2, 50);
        }
        return true;
    }

    long readLong(Path file) {
        return Long.parseLong(files.read(file).trim());
    }

    Long readLongIfPresent(Path file) {
        return files.exists(file) ? readLong(file) : null;
    }

    static IllegalArgumentException belowUsage(long limit, long usage) {
        return new IllegalArgumentException("memory limit " + ByteSize.format(limit) + " is below what the container"
                + " already uses (" + ByteSize.format(usage) + "): lowering it would make the kernel reclaim or"
                + " OOM-kill at once; give at least " + ByteSize.format(usage) + ", or free memory in the container first");
    }

    static IllegalArgumentException swapNotAccounted(Path missingFile) {
        return new IllegalArgumentException("this host does not account swap per cgroup (" + missingFile
                + " is missing), so a memory+swap limit cannot be set; leave out --memory-swap, or boot the kernel"
                + " with swap accounting on (swapaccount=1 on older kernels)");
    }
}
