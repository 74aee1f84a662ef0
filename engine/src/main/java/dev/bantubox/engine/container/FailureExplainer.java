package dev.bantubox.engine.container;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.kernel.StepFailedException;
import dev.bantubox.engine.plan.StepKind;

/**
 * Turns a failed kernel step into a sentence that says what failed and what to do, with the exit code
 * a container engine would use.
 */
final class FailureExplainer {
    private FailureExplainer() {
    }

    static EngineException explain(StepFailedException failure, String command) {
        JournalRecord record = failure.record();
        String errno = record.errno();
        if (failure.kind() == StepKind.EXECVE) {
            if (errno.equals("ENOENT") || errno.equals("ENOTDIR")) {
                return new EngineException("command '" + command + "' not found in the container: check the"
                        + " spelling, or give its full path inside the image", EngineException.NOT_FOUND, failure);
            }
            return new EngineException("command '" + command + "' cannot be executed (" + errno + "): it is a"
                    + " directory, lacks the execute permission, or is not a program for this machine",
                    EngineException.NOT_EXECUTABLE, failure);
        }
        return new EngineException(record.call() + ": " + errno + " (" + hint(failure.kind(), errno) + ")", failure);
    }

    private static String hint(StepKind kind, String errno) {
        if (errno.equals("EPERM")) {
            return "this step needs root: run bantubox with sudo";
        }
        return switch (kind) {
            case MOUNT -> errno.equals("EINVAL") || errno.equals("ENODEV")
                    ? "the kernel rejected this mount; 'bantubox doctor' checks overlay and mount support"
                    : "the mount failed; check that the paths exist and BANTUBOX_HOME is on a local file system";
            case PIVOT_ROOT -> "pivot_root() needs the new root to be a mount point whose parent is not shared;"
                    + " try --chroot instead of pivot_root";
            case CHDIR -> "the directory does not exist in the container; check -w or the image";
            case SETHOSTNAME -> "choose a hostname of at most 64 letters, digits, '-' and '.'";
            case WAIT_FOR_PARENT -> "the engine stopped the child before it started";
            case SETNS -> "the container's first process has ended, so its namespaces are gone; 'bantubox ps -a'"
                    + " shows its state";
            case CHROOT -> "the container's root is not reachable: its first process may have ended";
            default -> "see the journal with --trace for the steps before it";
        };
    }
}
