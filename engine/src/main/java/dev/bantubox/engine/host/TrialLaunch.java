package dev.bantubox.engine.host;

import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.kernel.CloneFailedException;
import dev.bantubox.engine.kernel.LaunchedChild;
import dev.bantubox.engine.kernel.NativeLauncher;
import dev.bantubox.engine.kernel.StepFailedException;
import dev.bantubox.engine.plan.CloneFlags;
import dev.bantubox.engine.plan.LaunchPlan;
import dev.bantubox.engine.plan.MountFlags;
import dev.bantubox.engine.plan.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A launch that tries kernel steps and runs no command: the child gets a private mount namespace,
 * runs the steps under trial, and ends at an execve of a program that does not exist. Its mounts
 * vanish with its mount namespace, so the host's mount table never changes.
 */
final class TrialLaunch {
    /** A path that no trial's root contains; the execve of it ends the child with ENOENT. */
    static final String NO_SUCH_PROGRAM = "/.bantubox-host-check-end";

    private final List<Step> steps = new ArrayList<>();

    private TrialLaunch() {
        steps.add(Step.waitForParent());
        // As in every container launch: without this, a mount below a shared mount would reach the host.
        steps.add(Step.mount("", "/", "", MountFlags.of(MountFlags.MS_REC, MountFlags.MS_PRIVATE), ""));
    }

    /** Starts a trial in a new mount namespace. */
    static TrialLaunch inNewMountNamespace() {
        return new TrialLaunch();
    }

    /** Adds a step and returns its index, by which {@link Outcome#recordOf} finds its journal record. */
    int add(Step step) {
        steps.add(step);
        return steps.size() - 1;
    }

    /** Clones the child, lets it run every step, and waits for it to end. */
    Outcome run() throws CloneFailedException {
        List<Step> plannedSteps = new ArrayList<>(steps);
        plannedSteps.add(Step.execute(NO_SUCH_PROGRAM, List.of(NO_SUCH_PROGRAM), List.of()));
        LaunchPlan plan = new LaunchPlan(CloneFlags.CLONE_NEWNS, plannedSteps);
        LaunchedChild child = new NativeLauncher().start(plan);
        child.go();
        List<JournalRecord> journal;
        try {
            journal = child.awaitExec();
        } catch (StepFailedException expected) {
            journal = expected.journal();
        } finally {
            child.waitFor();
        }
        return new Outcome(journal);
    }

    /** The journal of a finished trial. */
    record Outcome(List<JournalRecord> journal) {
        /** Returns the record of the step at index, or empty when the child ended before it ran. */
        Optional<JournalRecord> recordOf(int stepIndex) {
            return journal.stream().filter(record -> record.side() == JournalRecord.Side.CHILD
                    && record.stepIndex() == stepIndex).findFirst();
        }

        /** Returns the first failed record before the final execve, if any. */
        Optional<JournalRecord> firstFailure() {
            return journal.stream().filter(JournalRecord::failed)
                    .filter(record -> !record.call().contains(NO_SUCH_PROGRAM)).findFirst();
        }
    }
}
