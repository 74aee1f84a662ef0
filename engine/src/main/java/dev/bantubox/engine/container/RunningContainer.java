package dev.bantubox.engine.container;

import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.kernel.LaunchedChild;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/** A container whose command is running. {@link #waitForExit()} waits for it and records the end. */
public final class RunningContainer {
    private final ContainerRecord record;
    private final LaunchedChild child;
    private final List<JournalRecord> journal;
    private final IntSupplier recordExit;
    private Integer exitCode;

    RunningContainer(ContainerRecord record, LaunchedChild child, List<JournalRecord> journal, IntSupplier recordExit) {
        this.record = record;
        this.child = child;
        this.journal = List.copyOf(journal);
        this.recordExit = recordExit;
    }

    public String id() {
        return record.id;
    }

    public String shortId() {
        return record.shortId();
    }

    /** Returns the host pid of the container's first process. */
    public int pid() {
        return child.pid();
    }

    public ContainerRecord record() {
        return record;
    }

    /** The journal of the launch: preparation, clone, every step in the child, and execve. */
    public List<JournalRecord> journal() {
        return journal;
    }

    /**
     * Waits for the command to end, records the exit code and, with --rm, removes the container. The
     * exit code comes from the shim's exit status file; 125 when the shim was killed before it wrote one.
     */
    public synchronized int waitForExit() {
        if (exitCode == null) {
            child.waitFor();
            exitCode = recordExit.getAsInt();
        }
        return exitCode;
    }

    /** Sends a signal to the container's first process. */
    public void signal(int signal) {
        child.signal(signal);
    }

    /** The journal as text, one line per record. */
    public List<String> formattedJournal() {
        List<String> lines = new ArrayList<>();
        for (JournalRecord entry : journal) {
            lines.add(entry.format());
        }
        return lines;
    }
}
