package dev.bantubox.engine.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * One container's cgroups: a directory named {@code bantubox-ID} in every hierarchy the container
 * joins, below the engine's own cgroup there. Creates them with the limits, moves the container's
 * first process in, reads the usage figures, and kills and removes everything at the end.
 */
public final class ContainerCgroup {
    /** rmdir fails with EBUSY while the last killed processes are still leaving; these bound the retries. */
    private static final int REMOVE_ATTEMPTS = 20;
    private static final long MAX_REMOVE_PAUSE_MILLIS = 100;

    private final CgroupLayout layout;
    private final CgroupFiles files;
    private final IntConsumer killer;
    private final Map<CgroupHierarchy, Path> directories;

    private ContainerCgroup(CgroupLayout layout, CgroupFiles files, IntConsumer killer,
                            Map<CgroupHierarchy, Path> directories) {
        this.layout = layout;
        this.files = files;
        this.killer = killer;
        this.directories = directories;
    }

    /**
     * The cgroups a new container gets, one per hierarchy, not created yet.
     *
     * @param killer sends SIGKILL to a pid, for the clean-up of what is left in the cgroups
     */
    public static ContainerCgroup forContainer(CgroupLayout layout, CgroupFiles files, IntConsumer killer,
                                               String containerId) {
        Map<CgroupHierarchy, Path> directories = new LinkedHashMap<>();
        for (CgroupHierarchy hierarchy : layout.hierarchies()) {
            // On a hybrid host the v2 tree carries none of the controllers limits use. Joining it would
            // only cost the engine-side move (an RCU grace period, see selfJoinFiles), so it is skipped.
            boolean idleUnifiedTree = hierarchy.isV2() && !layout.carriesController(hierarchy)
                    && layout.hierarchies().size() > 1;
            if (!idleUnifiedTree) {
                directories.put(hierarchy, hierarchy.containerDirectory(containerId));
            }
        }
        return new ContainerCgroup(layout, files, killer, directories);
    }

    /** The cgroups recorded for an existing container; throws when a directory lies in no mounted hierarchy. */
    public static ContainerCgroup fromDirectories(CgroupLayout layout, CgroupFiles files, IntConsumer killer,
                                                  List<String> recorded) {
        Map<CgroupHierarchy, Path> directories = new LinkedHashMap<>();
        for (String directory : recorded) {
            Path path = Path.of(directory);
            CgroupHierarchy hierarchy = layout.hierarchyContaining(path).orElseThrow(() -> new IllegalStateException(
                    "cgroup " + directory + " lies in no cgroup hierarchy mounted now (" + layout.describe() + ")"));
            directories.put(hierarchy, path);
        }
        return new ContainerCgroup(layout, files, killer, directories);
    }

    /** Returns the directories, one per hierarchy, in the order they are created. */
    public List<Path> directories() {
        return List.copyOf(directories.values());
    }

    public CgroupLayout layout() {
        return layout;
    }

    /**
     * Creates the directories and writes the limits, before the container's first process exists.
     * Throws IllegalArgumentException when a limit needs a controller this host does not offer.
     *
     * @param enginePid the engine's own pid, which may have to move into a v2 leaf of its own first
     */
    public void create(CgroupLimits limits, long enginePid, CgroupJournal journal) {
        checkAgainstHost(limits);
        CgroupFiles journaled = new JournalingCgroupFiles(files, journal);
        for (CgroupHierarchy hierarchy : directories.keySet()) {
            if (hierarchy.isV2()) {
                UnifiedParent.prepare(journaled, hierarchy, enginePid);
            }
        }
        for (Path directory : directories.values()) {
            journaled.makeDirectory(directory);
        }
        writeLimits(journaled, limits, false);
    }

    /**
     * Returns the v1 "tasks" files the container's first process writes "0" to itself, as the first
     * thing it does after the go-signal. A write to cgroup.procs, or of another process's pid, takes the
     * kernel's global cgroup_threadgroup_rwsem for writing, which waits for an RCU grace period: about
     * 5 to 15 ms per launch on the 2-CPU test machine (CgroupCostBenchmark). A thread moving only itself
     * through "tasks" skips that lock (cgroup_procs_write_start() in kernel/cgroup/cgroup.c, Linux 6.x),
     * and the child has one thread, so the whole process moves before anything of the container runs.
     */
    public List<Path> selfJoinFiles() {
        List<Path> tasks = new ArrayList<>();
        directories.forEach((hierarchy, directory) -> {
            if (!hierarchy.isV2()) {
                tasks.add(directory.resolve("tasks"));
            }
        });
        return tasks;
    }

    /**
     * Moves a process into the container's v2 cgroup (the v1 ones it joins itself, see
     * {@link #selfJoinFiles()}). v2 has no per-thread move between domain cgroups, so the engine writes
     * the pid to cgroup.procs while the child waits on the sync pipe.
     */
    public void join(int pid, CgroupJournal journal) {
        // NOTE: on v2 this write waits for an RCU grace period, as described above; clone3() with
        // CLONE_INTO_CGROUP would avoid the move, but the native launcher uses clone().
        CgroupFiles journaled = new JournalingCgroupFiles(files, journal);
        directories.forEach((hierarchy, directory) -> {
            if (hierarchy.isV2()) {
                journaled.write(directory.resolve("cgroup.procs"), String.valueOf(pid));
            }
        });
    }

    /**
     * Changes the limits of a running container; null fields stay as they are. A memory limit below
     * the current usage is rejected with IllegalArgumentException before anything is written.
     */
    public void updateLimits(CgroupLimits limits, CgroupJournal journal) {
        checkAgainstHost(limits);
        writeLimits(new JournalingCgroupFiles(files, journal), limits, true);
    }

    private void writeLimits(CgroupFiles target, CgroupLimits limits, boolean update) {
        if (limits.cpus() != null || limits.cpuShares() != null) {
            driver(CgroupController.CPU, target).writeCpuLimits(directoryOf(CgroupController.CPU), limits);
        }
        if (limits.memoryBytes() != null) {
            driver(CgroupController.MEMORY, target).writeMemoryLimits(directoryOf(CgroupController.MEMORY), limits, update);
        }
        if (limits.pidsLimit() != null) {
            driver(CgroupController.PIDS, target).writePidsLimit(directoryOf(CgroupController.PIDS), limits.pidsLimit());
        }
    }

    /** Rejects limits whose controller this host lacks, and CPU limits above the CPUs the engine may use. */
    private void checkAgainstHost(CgroupLimits limits) {
        requireController(CgroupController.CPU, limits.cpus() != null || limits.cpuShares() != null, "--cpus and --cpu-shares");
        requireController(CgroupController.MEMORY, limits.memoryBytes() != null, "--memory");
        requireController(CgroupController.PIDS, limits.pidsLimit() != null, "--pids-limit");
        int processors = Runtime.getRuntime().availableProcessors();
        if (limits.cpus() != null && limits.cpus() > processors) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "CPU limit %.2f is more than the %d CPUs"
                    + " this machine gives the engine: give at most %d", limits.cpus(), processors, processors));
        }
    }

    private void requireController(CgroupController controller, boolean used, String options) {
        if (used && !directories.containsKey(layout.hierarchyOf(controller).orElse(null))) {
            throw new IllegalArgumentException("the " + controller.v1Name() + " cgroup controller is not available on"
                    + " this host (" + layout.describe() + "); leave out " + options);
        }
    }

    /** Reads the container's figures now; figures of controllers this host lacks stay null. */
    public CgroupUsage usage() {
        CgroupUsage.Builder usage = new CgroupUsage.Builder();
        if (has(CgroupController.CPUACCT)) {
            driver(CgroupController.CPUACCT, files).readCpuTime(directoryOf(CgroupController.CPUACCT), usage);
        }
        if (has(CgroupController.CPU)) {
            driver(CgroupController.CPU, files).readCpuBandwidth(directoryOf(CgroupController.CPU), usage);
        }
        if (has(CgroupController.MEMORY)) {
            driver(CgroupController.MEMORY, files).readMemory(directoryOf(CgroupController.MEMORY), usage);
        }
        if (has(CgroupController.PIDS)) {
            driver(CgroupController.PIDS, files).readPids(directoryOf(CgroupController.PIDS), usage);
        }
        return usage.build();
    }

    /** Returns how many processes the OOM killer ended in this container, or null when the host does not count them. */
    public Long oomKills() {
        if (!has(CgroupController.MEMORY) || !files.exists(directoryOf(CgroupController.MEMORY))) {
            return null;
        }
        CgroupUsage.Builder usage = new CgroupUsage.Builder();
        driver(CgroupController.MEMORY, files).readMemory(directoryOf(CgroupController.MEMORY), usage);
        return usage.oomKills;
    }

    /**
     * Kills every process left in the container's cgroups: with the freezer's help where the host has
     * one, so that nothing can fork in between, otherwise by repeated SIGKILL to each listed process.
     */
    public void killAll(CgroupJournal journal) {
        CgroupFiles journaled = new JournalingCgroupFiles(files, journal);
        if (has(CgroupController.FREEZER) && files.exists(directoryOf(CgroupController.FREEZER))) {
            driver(CgroupController.FREEZER, journaled).killAll(directoryOf(CgroupController.FREEZER), killer);
        }
        for (Map.Entry<CgroupHierarchy, Path> entry : directories.entrySet()) {
            CgroupDriver.of(entry.getKey(), journaled).killListedProcesses(entry.getValue(), killer);
        }
    }

    /**
     * Removes every directory (child cgroups first) with bounded retries; a directory that is already
     * gone counts as removed. Throws IllegalStateException naming the directories that remain.
     */
    public void remove(CgroupJournal journal) {
        CgroupFiles journaled = new JournalingCgroupFiles(files, journal);
        List<String> failures = new ArrayList<>();
        for (Path directory : directories.values()) {
            try {
                removeTree(journaled, directory);
            } catch (CgroupException failure) {
                failures.add(failure.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("cgroup directories remain after " + REMOVE_ATTEMPTS + " attempts: "
                    + String.join("; ", failures) + ". Check their cgroup.procs for processes, kill them, then rmdir");
        }
    }

    /** Lists the container's directories that still exist. */
    public List<Path> existingDirectories() {
        return directories.values().stream().filter(files::exists).toList();
    }

    private void removeTree(CgroupFiles target, Path directory) {
        if (!files.exists(directory)) {
            return;
        }
        for (Path child : files.childDirectories(directory)) {
            removeTree(target, child);
        }
        long pauseMillis = 1;
        for (int attempt = 1; ; attempt++) {
            try {
                target.removeDirectory(directory);
                return;
            } catch (CgroupException failure) {
                if (failure.errno().equals("ENOENT")) {
                    return;
                }
                if (!failure.errno().equals("EBUSY") || attempt == REMOVE_ATTEMPTS) {
                    throw failure;
                }
            }
            sleep(pauseMillis);
            pauseMillis = Math.min(pauseMillis * 2, MAX_REMOVE_PAUSE_MILLIS);
        }
    }

    private boolean has(CgroupController controller) {
        Optional<CgroupHierarchy> hierarchy = layout.hierarchyOf(controller);
        return hierarchy.isPresent() && directories.containsKey(hierarchy.get());
    }

    private Path directoryOf(CgroupController controller) {
        return directories.get(layout.hierarchyOf(controller).orElseThrow());
    }

    private CgroupDriver driver(CgroupController controller, CgroupFiles target) {
        return CgroupDriver.of(layout.hierarchyOf(controller).orElseThrow(), target);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
