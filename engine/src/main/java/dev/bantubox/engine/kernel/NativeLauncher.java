package dev.bantubox.engine.kernel;

import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.plan.CloneFlags;
import dev.bantubox.engine.plan.LaunchPlan;
import dev.bantubox.engine.plan.StepKind;

/** Starts the child of a launch plan through libbantubox. */
public final class NativeLauncher {
    private static final int PID = 0;
    private static final int SYNC_FD = 1;
    private static final int JOURNAL_FD = 2;
    private static final int ERRNO = 3;
    private static final int BAD_STEP = 4;
    private static final int CLONE_START = 5;
    private static final int CLONE_DURATION = 6;
    private static final int MEMORY_HANDLE = 7;

    private final NativeLibraries libraries;

    public NativeLauncher() {
        this(NativeLibraries.get());
    }

    public NativeLauncher(NativeLibraries libraries) {
        this.libraries = libraries;
    }

    /**
     * Clones the child, which then waits for {@link LaunchedChild#go()}. Throws when clone() itself
     * fails (for example EPERM when not root, or EINVAL for flags this kernel does not have).
     */
    public LaunchedChild start(LaunchPlan plan) throws CloneFailedException {
        byte[] encoded = plan.encode();
        long[] result = new long[libraries.bantubox().bb_result_slots()];
        // Sharing the JVM's memory (CLONE_VM) saves copying its page tables; a plan that forks cannot,
        // because the forking process keeps running on the shared stack after the journal closes.
        // An open step keeps its descriptor in a static variable of the child, which must not be the JVM's.
        boolean shareMemory = plan.steps().stream()
                .noneMatch(step -> step.kind() == StepKind.FORK || step.kind() == StepKind.OPEN);
        int status = libraries.bantubox().bb_launch(encoded, encoded.length, shareMemory ? 1 : 0, result);
        String call = "clone(" + CloneFlags.describe(plan.cloneFlags()) + ")";
        if (status != 0) {
            int errno = (int) result[ERRNO];
            if (result[BAD_STEP] >= 0 || errno == Errno.number("EINVAL") && result[CLONE_START] < 0) {
                throw new IllegalStateException("libbantubox rejected launch plan at step " + result[BAD_STEP]
                        + "; the engine and native library are out of step: rebuild both");
            }
            JournalRecord record = new JournalRecord(JournalRecord.Side.ENGINE, -1, call, -1, Errno.name(errno),
                    result[CLONE_START], result[CLONE_DURATION]);
            throw new CloneFailedException(record);
        }
        int pid = (int) result[PID];
        JournalRecord cloneRecord = new JournalRecord(JournalRecord.Side.ENGINE, -1, call, pid, "0",
                result[CLONE_START], result[CLONE_DURATION]);
        return new LaunchedChild(libraries, plan, pid, -1, (int) result[SYNC_FD], (int) result[JOURNAL_FD], cloneRecord,
                result[MEMORY_HANDLE]);
    }
}
