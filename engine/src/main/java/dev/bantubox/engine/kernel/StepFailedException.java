package dev.bantubox.engine.kernel;

import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.plan.Step;
import dev.bantubox.engine.plan.StepKind;

import java.util.List;

/** A step of the launch plan failed in the child, which then ended without running the command. */
public class StepFailedException extends Exception {
    private final Step step;
    private final JournalRecord record;
    private final List<JournalRecord> journal;

    public StepFailedException(Step step, JournalRecord record, List<JournalRecord> journal) {
        super(record.call() + ": " + record.errno());
        this.step = step;
        this.record = record;
        this.journal = List.copyOf(journal);
    }

    /** The plan's step that failed, with its arguments (for a mount: source, target, type, data). */
    public Step step() {
        return step;
    }

    public StepKind kind() {
        return step.kind();
    }

    /** The journal record of the failing step. */
    public JournalRecord record() {
        return record;
    }

    /** Every record up to and including the failing one. */
    public List<JournalRecord> journal() {
        return journal;
    }
}
