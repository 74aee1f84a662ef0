package dev.bantubox.engine.cgroup;

import java.util.Locale;

/**
 * The resource limits of one container. A null field leaves that resource unlimited, or unchanged in
 * an update. Values are checked when the limits are made, so a spec never contains a value the kernel
 * would reject for its form.
 *
 * @param cpus            CPU bandwidth in cores, for example 0.5 for half of one core
 * @param cpuShares       the relative CPU weight against sibling cgroups, 2 to 262144 (1024 is the default)
 * @param memoryBytes     the memory limit in bytes
 * @param memorySwapBytes memory plus swap in bytes, as container engines count it; -1 for unlimited swap.
 *                        Null with a memory limit means no swap at all, so the limit is where the OOM
 *                        killer acts whatever swap the host has
 * @param pidsLimit       the maximum number of processes and threads
 */
public record CgroupLimits(Double cpus, Integer cpuShares, Long memoryBytes, Long memorySwapBytes, Long pidsLimit) {
    /** The period of the CPU bandwidth limit: the kernel's default of 100 ms, in microseconds. */
    public static final long CPU_PERIOD_MICROS = 100_000;
    /** The smallest quota the kernel accepts is 1 ms, so the smallest CPU limit is 1 % of a core. */
    public static final double MIN_CPUS = 0.01;
    public static final int MIN_CPU_SHARES = 2;
    public static final int MAX_CPU_SHARES = 262_144;
    /**
     * NOTE: this floor is chosen for learners and is not a kernel limit. Below a few MiB even a busybox
     * command may be OOM-killed as it starts, which looks like a failed launch rather than a limit at work.
     */
    public static final long MIN_MEMORY_BYTES = 6L << 20;
    public static final long UNLIMITED_SWAP = -1;

    private static final CgroupLimits NONE = new CgroupLimits(null, null, null, null, null);

    public CgroupLimits {
        if (cpus != null && !(cpus >= MIN_CPUS && Double.isFinite(cpus))) {
            throw new IllegalArgumentException("invalid CPU limit " + cpus + ": give a number of cores of at least "
                    + MIN_CPUS + " (the kernel's smallest quota is 1 ms per 100 ms period), for example 0.5");
        }
        if (cpuShares != null && (cpuShares < MIN_CPU_SHARES || cpuShares > MAX_CPU_SHARES)) {
            throw new IllegalArgumentException("invalid CPU shares " + cpuShares + ": give a weight from "
                    + MIN_CPU_SHARES + " to " + MAX_CPU_SHARES + "; 1024 is what every cgroup has by default");
        }
        if (memoryBytes != null && memoryBytes < MIN_MEMORY_BYTES) {
            throw new IllegalArgumentException("memory limit " + ByteSize.format(memoryBytes) + " is too small: give at"
                    + " least " + ByteSize.format(MIN_MEMORY_BYTES) + ", for example 64m");
        }
        if (memorySwapBytes != null) {
            if (memoryBytes == null) {
                throw new IllegalArgumentException("a memory+swap limit needs a memory limit as well: add --memory");
            }
            if (memorySwapBytes != UNLIMITED_SWAP && memorySwapBytes < memoryBytes) {
                throw new IllegalArgumentException("memory+swap limit " + ByteSize.format(memorySwapBytes)
                        + " is below the memory limit " + ByteSize.format(memoryBytes) + ": it counts memory and swap"
                        + " together, so give at least the memory limit, or -1 for unlimited swap");
            }
        }
        if (pidsLimit != null && pidsLimit < 1) {
            throw new IllegalArgumentException("invalid process limit " + pidsLimit + ": give at least 1");
        }
    }

    /** No limits at all: the container still gets cgroups, for its usage figures and clean-up. */
    public static CgroupLimits none() {
        return NONE;
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    public CgroupLimits withCpus(Double value) {
        return new CgroupLimits(value, cpuShares, memoryBytes, memorySwapBytes, pidsLimit);
    }

    public CgroupLimits withCpuShares(Integer value) {
        return new CgroupLimits(cpus, value, memoryBytes, memorySwapBytes, pidsLimit);
    }

    public CgroupLimits withMemory(Long bytes) {
        return new CgroupLimits(cpus, cpuShares, bytes, memorySwapBytes, pidsLimit);
    }

    /** Sets memory and memory+swap together, since each is checked against the other. */
    public CgroupLimits withMemory(Long bytes, Long memorySwap) {
        return new CgroupLimits(cpus, cpuShares, bytes, memorySwap, pidsLimit);
    }

    public CgroupLimits withPidsLimit(Long value) {
        return new CgroupLimits(cpus, cpuShares, memoryBytes, memorySwapBytes, value);
    }

    /** Returns the CFS quota for the CPU limit, in microseconds per {@link #CPU_PERIOD_MICROS}. */
    public long cpuQuotaMicros() {
        return Math.round(cpus * CPU_PERIOD_MICROS);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (cpus != null) {
            text.append(String.format(Locale.ROOT, " cpus=%.2f", cpus));
        }
        if (cpuShares != null) {
            text.append(" cpu-shares=").append(cpuShares);
        }
        if (memoryBytes != null) {
            text.append(" memory=").append(ByteSize.format(memoryBytes));
        }
        if (memorySwapBytes != null) {
            text.append(" memory-swap=").append(memorySwapBytes == UNLIMITED_SWAP ? "unlimited" : ByteSize.format(memorySwapBytes));
        }
        if (pidsLimit != null) {
            text.append(" pids-limit=").append(pidsLimit);
        }
        return text.isEmpty() ? "no limits" : text.substring(1);
    }
}
