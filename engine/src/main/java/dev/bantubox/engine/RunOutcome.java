package dev.bantubox.engine;

import dev.bantubox.engine.journal.JournalRecord;

import java.util.List;

/**
 * The result of a captured run.
 *
 * @param containerId the container's full id
 * @param exitCode    the command's exit code, or 128 + signal
 * @param output      standard output and error, interleaved as written
 * @param journal     the launch's kernel steps
 */
public record RunOutcome(String containerId, int exitCode, String output, List<JournalRecord> journal) {
    public RunOutcome {
        journal = List.copyOf(journal);
    }
}
