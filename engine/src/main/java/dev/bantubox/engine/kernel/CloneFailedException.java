package dev.bantubox.engine.kernel;

import dev.bantubox.engine.journal.JournalRecord;

/** clone() failed, so no child exists. */
public class CloneFailedException extends Exception {
    private final JournalRecord record;

    public CloneFailedException(JournalRecord record) {
        super(record.call() + ": " + record.errno());
        this.record = record;
    }

    public JournalRecord record() {
        return record;
    }
}
