package dev.bantubox.engine.container;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.host.CheckResult;
import dev.bantubox.engine.host.HostCheck;
import dev.bantubox.engine.host.HostDoctor;
import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.kernel.CloneFailedException;
import dev.bantubox.engine.kernel.StepFailedException;
import dev.bantubox.engine.plan.Step;
import dev.bantubox.engine.plan.StepKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a failed kernel step into a sentence that says what failed and what to do, with the exit code
 * a container engine would use. When a host check explains the failure (BANTUBOX_HOME on overlayfs
 * for a failed overlay mount, for example), the sentence is that check's finding and fix.
 */
final class FailureExplainer {
    private static final Logger LOG = Logger.getLogger(FailureExplainer.class.getName());

    private FailureExplainer() {
    }

    /** Explains a failed step without consulting the host checks (exec into a running container). */
    static EngineException explain(StepFailedException failure, String command) {
        return explain(failure, command, null);
    }

    static EngineException explain(StepFailedException failure, String command, HostDoctor doctor) {
        JournalRecord record = failure.record();
        String errno = record.errno();
        if (failure.kind() == StepKind.EXECVE || failure.kind() == StepKind.EXECVEAT) {
            if (errno.equals("ENOENT") || errno.equals("ENOTDIR")) {
                return new EngineException("command '" + command + "' not found in the container: check the"
                        + " spelling, or give its full path inside the image (an image is chosen with -i IMAGE,"
                        + " before the command)", EngineException.NOT_FOUND, failure);
            }
            return new EngineException("command '" + command + "' cannot be executed (" + errno + "): it is a"
                    + " directory, lacks the execute permission, or is not a program for this machine",
                    EngineException.NOT_EXECUTABLE, failure);
        }
        Optional<CheckResult> cause = firstFailing(doctor, checksFor(failure.step(), errno));
        if (cause.isPresent()) {
            return new EngineException(nameOf(failure.step()) + " failed: " + cause.get().explanation(), failure);
        }
        return new EngineException(record.call() + ": " + errno + " (" + hint(failure.kind(), errno) + ")", failure);
    }

    static EngineException explain(CloneFailedException failure, HostDoctor doctor) {
        String errno = failure.record().errno();
        if (errno.equals("EPERM")) {
            Optional<CheckResult> cause = firstFailing(doctor, List.of(HostCheck.PRIVILEGES));
            if (cause.isPresent()) {
                return new EngineException("clone failed: " + cause.get().explanation(), failure);
            }
        }
        String hint = errno.equals("EPERM")
                ? "creating namespaces needs root: run bantubox with sudo"
                : "this kernel does not offer every namespace that is switched on; switch some off";
        return new EngineException(failure.getMessage() + " (" + hint + ")", failure);
    }

    /** The host checks that can explain a failure of this step with this errno, most likely first. */
    private static List<HostCheck> checksFor(Step step, String errno) {
        List<HostCheck> checks = new ArrayList<>();
        if (errno.equals("EPERM")) {
            checks.add(HostCheck.PRIVILEGES);
        }
        if (isOverlayMount(step)) {
            checks.add(HostCheck.HOME_FILESYSTEM);
            checks.add(HostCheck.OVERLAY);
        }
        if (step.kind() == StepKind.PIVOT_ROOT) {
            checks.add(HostCheck.PIVOT_ROOT);
        }
        return checks;
    }

    /**
     * Returns the first of the checks that fails. The doctor only reads here (no trial launches), and
     * a doctor that breaks must not hide the failure being explained, so that yields no cause.
     */
    private static Optional<CheckResult> firstFailing(HostDoctor doctor, List<HostCheck> checks) {
        if (doctor == null) {
            return Optional.empty();
        }
        try {
            for (HostCheck check : checks) {
                CheckResult result = doctor.check(check);
                if (result.failed()) {
                    return Optional.of(result);
                }
            }
        } catch (RuntimeException broken) {
            LOG.log(Level.WARNING, "cannot check the host to explain a failed launch: " + broken.getMessage(), broken);
        }
        return Optional.empty();
    }

    private static boolean isOverlayMount(Step step) {
        return step.kind() == StepKind.MOUNT && step.arguments().get(2).equals("overlay");
    }

    /** Names the step as a learner would: "overlay mount", "proc mount", "pivot_root". */
    private static String nameOf(Step step) {
        if (step.kind() == StepKind.MOUNT) {
            String type = step.arguments().get(2);
            return type.isEmpty() ? "mount on " + step.arguments().get(1) : type + " mount";
        }
        return step.kind().journalName();
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
