package dev.bantubox.engine.container;

import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.kernel.LaunchedChild;
import dev.bantubox.engine.kernel.PseudoTerminal;
import dev.bantubox.engine.plan.LaunchPlan;
import dev.bantubox.engine.plan.StepKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * A program running in a container on a pseudo-terminal that the engine opened, as {@code docker exec
 * -it} runs one: the program's standard input, output and error are the terminal's slave, and the
 * slave is its controlling terminal in a session of its own. The engine keeps the master: what the
 * program writes comes out of {@link #output()}, and what is written to {@link #input()} reaches the
 * program as if typed, with the terminal's line editing, echo and Ctrl-C handling.
 *
 * <p>Reading, writing, resizing and closing may happen on different threads.
 */
public final class TerminalSession implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TerminalSession.class.getName());
    private static final int SIGKILL = 9;
    /** How long close() gives the program to end after the hang-up before it kills it. */
    private static final Duration HANG_UP_GRACE = Duration.ofSeconds(1);
    /** How long close() waits for the program after SIGKILL, which a frozen cgroup can delay. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final long POLL_INTERVAL_MILLIS = 10;

    private final String containerId;
    private final PseudoTerminal terminal;
    private final LaunchedChild child;
    private final int programPid;
    private final List<JournalRecord> journal;
    private final InputStream output = new TerminalOutput();
    private final OutputStream input = new TerminalInput();
    private boolean closed;

    TerminalSession(String containerId, PseudoTerminal terminal, LaunchedChild child, LaunchPlan plan,
                    List<JournalRecord> journal) {
        this.containerId = containerId;
        this.terminal = terminal;
        this.child = child;
        this.journal = List.copyOf(journal);
        this.programPid = forkedPid(plan, journal, child.pid());
    }

    /**
     * Returns the pid of the process that execs. In a container with a PID namespace that is the process
     * the engine's child forked, whose pid is the fork record's result. Otherwise it is the child itself.
     */
    private static int forkedPid(LaunchPlan plan, List<JournalRecord> journal, int childPid) {
        for (JournalRecord record : journal) {
            if (record.side() == JournalRecord.Side.CHILD && record.stepIndex() >= 0
                    && plan.step(record.stepIndex()).kind() == StepKind.FORK) {
                return (int) record.result();
            }
        }
        return childPid;
    }

    /**
     * Returns the stream of what the program writes to the terminal, read from the master. Reads block
     * until output arrives. The stream ends once no process has the terminal open, or after {@link #close()}.
     */
    public InputStream output() {
        return output;
    }

    /**
     * Returns the stream for what the user types, written to the master. The terminal's line discipline
     * echoes it, edits lines and turns Ctrl-C (byte 3) into SIGINT for the program's foreground process group.
     */
    public OutputStream input() {
        return input;
    }

    /**
     * Sets the terminal's window size in characters; the program's foreground process group gets
     * SIGWINCH. Throws IllegalArgumentException outside 1 to 65535; does nothing after close().
     */
    public void resize(int columns, int rows) {
        terminal.resize(columns, rows);
    }

    /** Returns the host pid of the program: the process that exec'd the command. */
    public int pid() {
        return programPid;
    }

    /**
     * Returns whether the program runs. With a PID namespace this checks the engine's child, which ends
     * right after the program it forked, so for that moment the result can still be true.
     */
    public boolean isAlive() {
        return child.pollExit() == null;
    }

    /** Waits for the program to end and returns its exit status as the shell's $? has it: 128 + signal when killed. */
    public int waitFor() {
        return child.waitFor();
    }

    /** Returns the journal of kernel steps: clone, the cgroup writes, every setns, fork, setsid, set-ctty and execve. */
    public List<JournalRecord> journal() {
        return journal;
    }

    /**
     * Hangs up: closes the master, so the kernel sends SIGHUP to the program as its terminal's session
     * leader, and waits up to one second for it to end. A program that ignores SIGHUP then gets
     * SIGKILL, that process alone. Safe to call more than once.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        terminal.close();
        if (awaitEnd(HANG_UP_GRACE)) {
            return;
        }
        LOG.info("exec'd program " + programPid + " in container " + containerId + " ignored the hang-up of its"
                + " terminal; sending SIGKILL");
        child.signalIfRunning(programPid, SIGKILL);
        if (!awaitEnd(KILL_WAIT)) {
            LOG.warning("exec'd program " + programPid + " in container " + containerId + " has not ended "
                    + KILL_WAIT.toSeconds() + " s after SIGKILL; if the container's cgroup is frozen, the signal"
                    + " waits until it is thawed");
        }
    }

    private boolean awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (child.pollExit() == null) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return child.pollExit() != null;
            }
        }
        return true;
    }

    private final class TerminalOutput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int count = read(one, 0, 1);
            return count < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            return terminal.read(buffer, offset, length);
        }
    }

    private final class TerminalInput extends OutputStream {
        @Override
        public void write(int value) throws IOException {
            write(new byte[] {(byte) value}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length > 0) {
                terminal.write(buffer, offset, length);
            }
        }
    }
}
