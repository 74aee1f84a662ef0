package dev.bantubox.engine.cgroup;

import java.util.Optional;

/**
 * The cgroup controllers the engine uses for a container. On cgroup v1 each is a hierarchy of its own
 * (or shares one with others, as {@code cpu,cpuacct} often does). On cgroup v2, cpu, memory and pids are
 * enabled per subtree, while CPU accounting and freezing are core features of every cgroup.
 */
public enum CgroupController {
    /** CPU bandwidth (quota and period) and weight. */
    CPU("cpu", true),
    /** CPU time accounting; on v2 it is {@code usage_usec} in every cgroup's cpu.stat. */
    CPUACCT("cpuacct", false),
    /** Memory limit, usage and OOM kills. */
    MEMORY("memory", true),
    /** The number of processes and threads. */
    PIDS("pids", true),
    /** Stopping every process at once, so a clean-up can kill them without a race against fork(). */
    FREEZER("freezer", false);

    private final String v1Name;
    private final boolean v2Controller;

    CgroupController(String v1Name, boolean v2Controller) {
        this.v1Name = v1Name;
        this.v2Controller = v2Controller;
    }

    /** Returns the name in v1 mount options and in /proc/PID/cgroup, for example {@code cpuacct}. */
    public String v1Name() {
        return v1Name;
    }

    /**
     * Returns the name to enable in a v2 {@code cgroup.subtree_control}, or empty when v2 has the feature in
     * every cgroup without enabling anything.
     */
    public Optional<String> v2Name() {
        return v2Controller ? Optional.of(v1Name) : Optional.empty();
    }

    /** Finds a controller by its v1 name, or empty for controllers the engine does not use. */
    public static Optional<CgroupController> byV1Name(String name) {
        for (CgroupController controller : values()) {
            if (controller.v1Name.equals(name)) {
                return Optional.of(controller);
            }
        }
        return Optional.empty();
    }
}
