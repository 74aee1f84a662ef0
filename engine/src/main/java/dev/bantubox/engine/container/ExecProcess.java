package dev.bantubox.engine.container;

import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.kernel.LaunchedChild;

import java.util.List;

/**
 * A command that exec started in a running container. The engine's child joined the container's
 * namespaces and, with a PID namespace, forked the command into it; that child ends with the command's
 * exit code.
 */
public final class ExecProcess {
    private final LaunchedChild child;
    private final List<JournalRecord> journal;

    ExecProcess(LaunchedChild child, List<JournalRecord> journal) {
        this.child = child;
        this.journal = List.copyOf(journal);
    }

    /** Returns the host pid of the engine's child, which is the command's parent when the container has a PID namespace. */
    public int pid() {
        return child.pid();
    }

    /** Returns the journal of kernel steps: clone, every setns, the fork and execve. */
    public List<JournalRecord> journal() {
        return journal;
    }

    /** Waits for the command and returns its exit code, or 128 + signal. */
    public int waitForExit() {
        return child.waitFor();
    }
}
