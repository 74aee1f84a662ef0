package dev.bantubox.engine.lesson;

import dev.bantubox.engine.inspect.ContainerSnapshot;
import dev.bantubox.engine.inspect.OverlayLayers;
import dev.bantubox.engine.journal.JournalRecord;

import java.util.List;

/**
 * What one run of an experiment showed, and whether it met the expectation.
 *
 * @param command     the arguments that ran
 * @param exitCode    the command's exit status, or the engine's (125, 126, 127) when it could not start
 * @param output      standard output and error; the engine's message when the container could not start
 * @param engineError the engine's message when the container could not start, else null
 * @param journal     the launch's kernel steps, empty when the container could not start
 * @param snapshot    what the engine saw while the command ran, or null when it could not start
 * @param layers      the root filesystem's layers and the files the run wrote, or null
 * @param leftoverMounts mounts the run left in the host's mount table below the container's folder
 *                    (a mount made without a mount namespace ends up there); the runner detached them
 * @param startTimes  for an experiment with a compareToggle: one launch timing with the toggle, one without
 * @param failures    one sentence per expectation that did not hold; empty when all held
 * @param skipped     why the experiment did not run on this engine, or null when it ran
 */
public record ExperimentResult(List<String> command, int exitCode, String output, String engineError,
                               List<JournalRecord> journal, ContainerSnapshot snapshot, OverlayLayers layers,
                               List<String> leftoverMounts, List<StartTime> startTimes, List<String> failures, String skipped) {
    public ExperimentResult {
        command = List.copyOf(command);
        journal = List.copyOf(journal);
        leftoverMounts = List.copyOf(leftoverMounts);
        startTimes = List.copyOf(startTimes);
        failures = List.copyOf(failures);
    }

    /** Creates the result of an experiment this engine cannot run yet. */
    static ExperimentResult skipped(List<String> command, String reason) {
        return new ExperimentResult(command, -1, "", null, List.of(), null, null, List.of(), List.of(), List.of(), reason);
    }

    /** Creates the result of an experiment whose container could not be started, with the engine's reason. */
    static ExperimentResult failedToStart(List<String> command, String error) {
        return new ExperimentResult(command, -1, "", error, List.of(), null, null, List.of(), List.of(),
                List.of("the container did not start: " + error), null);
    }

    /** True when the experiment ran and every expectation held. */
    public boolean passed() {
        return skipped == null && failures.isEmpty();
    }

    /**
     * How long one launch took, from the journal.
     *
     * @param label          what was compared, for example "overlay on"
     * @param prepareMillis  preparing the root filesystem: the copy, or the overlay's folders
     * @param launchMillis   from the first journal record's start to the end of execve
     */
    public record StartTime(String label, double prepareMillis, double launchMillis) {
    }
}
