package dev.bantubox.engine.journal;

import java.util.Locale;

/**
 * One kernel step as it happened: the call with its arguments, what it returned, errno, and how long
 * it took. Records from the child come through the journal pipe; the engine adds its own parent-side
 * records (clone, cgroup writes, preparing the root filesystem).
 *
 * @param side          who made the call
 * @param stepIndex     the step's index in the launch plan, or -1 for parent-side records
 * @param call          the call as it would be written in C, for example {@code sethostname("web")}
 * @param result        the return value
 * @param errno         the errno name when the call failed, otherwise "0"
 * @param startNanos    CLOCK_MONOTONIC time when the call started
 * @param durationNanos how long the call took
 */
public record JournalRecord(Side side, int stepIndex, String call, long result, String errno,
                            long startNanos, long durationNanos) {

    /** Which process made the call. */
    public enum Side { ENGINE, CHILD }

    public boolean failed() {
        return !"0".equals(errno);
    }

    public double durationMillis() {
        return durationNanos / 1_000_000.0;
    }

    public long durationMicros() {
        return durationNanos / 1_000;
    }

    /** Formats the record as the CLI's --trace prints it: {@code clone(CLONE_NEWNS|…) = 4242  0.3 ms}. */
    public String format() {
        String outcome = failed() ? result + " " + errno : String.valueOf(result);
        return String.format(Locale.ROOT, "%s = %s  %.3f ms", call, outcome, durationMillis());
    }
}
