package dev.bantubox.engine.cgroup;

/** Receives one record per cgroup change the engine makes (mkdir, write, rmdir), for the launch journal. */
@FunctionalInterface
public interface CgroupJournal {
    /** Discards the records. */
    CgroupJournal NONE = (call, result, errno, startNanos, durationNanos) -> { };

    /**
     * Records one call.
     *
     * @param call          the call as C would write it, for example {@code write("/sys/fs/cgroup/x/pids.max", "32")}
     * @param result        what it returned: 0, or the bytes written
     * @param errno         the errno name when it failed, otherwise "0"
     * @param startNanos    System.nanoTime() when it started (CLOCK_MONOTONIC, like the child's records)
     * @param durationNanos how long it took
     */
    void record(String call, long result, String errno, long startNanos, long durationNanos);
}
