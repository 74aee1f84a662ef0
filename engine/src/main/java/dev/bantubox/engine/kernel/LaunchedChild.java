package dev.bantubox.engine.kernel;

import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.plan.LaunchPlan;
import dev.bantubox.engine.plan.Step;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A cloned child that runs a launch plan. It waits on the sync pipe until {@link #go()}; its journal
 * records arrive on the journal pipe until execve succeeds (the pipe is O_CLOEXEC) or a step fails.
 * The child is either the engine's own (cloned by bb_launch) or a bantubox-shim's. In the second case
 * the engine waits for the shim, which ends with the child's exit code after writing the exit status file.
 */
public final class LaunchedChild {
    private static final byte[] GO = {'g'};

    private final NativeLibraries libraries;
    private final LaunchPlan plan;
    private final int pid;
    private final int shimPid;
    private int syncFd;
    private int journalFd;
    private final List<JournalRecord> journal = Collections.synchronizedList(new ArrayList<>());
    private Integer exitStatus;
    /** The child's stack and plan in native memory when it shares the JVM's address space, else 0 or -1. */
    private long memoryHandle;

    LaunchedChild(NativeLibraries libraries, LaunchPlan plan, int pid, int shimPid, int syncFd, int journalFd,
                  JournalRecord cloneRecord, long memoryHandle) {
        this.memoryHandle = memoryHandle;
        this.libraries = libraries;
        this.plan = plan;
        this.pid = pid;
        this.shimPid = shimPid;
        this.syncFd = syncFd;
        this.journalFd = journalFd;
        journal.add(cloneRecord);
    }

    /** Returns the child's pid in the host's PID namespace. */
    public int pid() {
        return pid;
    }

    /** The pid of the bantubox-shim that is the child's parent, or -1 when the engine itself is. */
    public int shimPid() {
        return shimPid;
    }

    /** Adds a record of work the engine did for this child (cgroup writes, network links). */
    public void recordEngineStep(String call, long result, String errno, long startNanos) {
        journal.add(new JournalRecord(JournalRecord.Side.ENGINE, -1, call, result, errno, startNanos,
                System.nanoTime() - startNanos));
    }

    /**
     * Adds a record of engine work that has already ended, possibly before clone() (creating the
     * child's cgroups), at its place in time so that the journal stays in the order things happened.
     */
    public void recordEngineStep(String call, long result, String errno, long startNanos, long durationNanos) {
        JournalRecord record = new JournalRecord(JournalRecord.Side.ENGINE, -1, call, result, errno, startNanos,
                durationNanos);
        synchronized (journal) {
            int index = journal.size();
            while (index > 0 && journal.get(index - 1).startNanos() > startNanos) {
                index--;
            }
            journal.add(index, record);
        }
    }

    /** Lets the child start its steps. */
    public void go() {
        LibC libc = libraries.libc();
        long written = libc.write(syncFd, GO, 1);
        int errno = libraries.lastErrno();
        libc.close(syncFd);
        syncFd = -1;
        if (written != 1) {
            throw new IllegalStateException("cannot signal child " + pid + " to start: " + Errno.name(errno));
        }
    }

    /**
     * Gives up on a child that has not received the go-signal. The child reads end-of-file on the sync
     * pipe and exits, and is then reaped.
     */
    public void abort() {
        if (syncFd >= 0) {
            libraries.libc().close(syncFd);
            syncFd = -1;
        }
        closeJournal();
        waitFor();
    }

    /**
     * Reads the journal until the child has run execve (the pipe then reaches end-of-file) and returns
     * every record, the clone first. Throws when a step failed; the child has then exited.
     */
    public List<JournalRecord> awaitExec() throws StepFailedException {
        String text = readJournalPipe();
        long endOfFile = System.nanoTime();
        closeJournal();
        // End-of-file means the child has left the shared address space (execve or exit).
        releaseMemory();

        long execStart = -1;
        int execIndex = -1;
        JournalRecord failure = null;
        List<JournalRecord> stepRecords = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length == 3 && fields[0].equals("X")) {
                execIndex = Integer.parseInt(fields[1]);
                execStart = Long.parseLong(fields[2]);
            } else if (fields.length == 6 && fields[0].equals("S")) {
                JournalRecord record = childRecord(fields);
                stepRecords.add(record);
                if (record.failed() && !(record.errno().equals("EEXIST") && plan.step(record.stepIndex()).toleratesExists())) {
                    failure = record;
                }
            }
        }
        // After a fork step two processes write to the pipe, and the forked one may get there first.
        // Steps run in plan order, so the step index restores the order in which they happened.
        stepRecords.sort(Comparator.comparingInt(JournalRecord::stepIndex));
        journal.addAll(stepRecords);
        if (failure != null) {
            // The child _exit()s right after journaling a failed step, so this wait is short, and it
            // keeps a failed launch from leaving a zombie behind.
            waitFor();
            throw new StepFailedException(plan.step(failure.stepIndex()), failure, snapshot());
        }
        if (execIndex < 0) {
            // The child ended (or was killed) before it reached execve, without a failing step.
            int status = waitFor();
            JournalRecord lost = new JournalRecord(JournalRecord.Side.CHILD, -1, "child " + pid + " ended", status,
                    "ECHILD", endOfFile, 0);
            throw new StepFailedException(Step.waitForParent(), lost, snapshot());
        }
        // execve() does not return on success; the journal pipe closing at exec is the sign it worked.
        Step exec = plan.step(execIndex);
        journal.add(new JournalRecord(JournalRecord.Side.CHILD, execIndex, exec.describe(), 0, "0", execStart,
                Math.max(0, endOfFile - execStart)));
        return snapshot();
    }

    /** Every record so far, in the order they happened. */
    public List<JournalRecord> snapshot() {
        synchronized (journal) {
            return List.copyOf(journal);
        }
    }

    /**
     * Waits for the child to end and returns its exit code: the command's own, or 128 + signal number
     * when a signal killed it. With a shim, waits for the shim and returns its exit code, which is the
     * child's unless the shim itself failed or was killed. Safe to call more than once.
     */
    public synchronized int waitFor() {
        if (exitStatus != null) {
            return exitStatus;
        }
        int waited = reapedPid();
        int[] status = new int[1];
        while (true) {
            int result = libraries.libc().waitpid(waited, status, 0);
            if (result == waited) {
                break;
            }
            int errno = libraries.lastErrno();
            if (errno != LibC.EINTR) {
                throw new IllegalStateException("waitpid(" + waited + ") failed: " + Errno.name(errno));
            }
        }
        exitStatus = decodeWaitStatus(status[0]);
        releaseMemory();
        return exitStatus;
    }

    /** Returns the exit code if the child has ended, or null while it runs. */
    public synchronized Integer pollExit() {
        if (exitStatus != null) {
            return exitStatus;
        }
        int[] status = new int[1];
        int result = libraries.libc().waitpid(reapedPid(), status, LibC.WNOHANG);
        if (result == reapedPid()) {
            exitStatus = decodeWaitStatus(status[0]);
            releaseMemory();
        }
        return exitStatus;
    }

    /** Sends a signal to the child. */
    public void signal(int signal) {
        libraries.libc().kill(pid, signal);
    }

    /**
     * Sends signal to target, which is this child or the process its fork step made, unless that has
     * ended; returns whether the signal was sent. Checking and sending under the lock that
     * {@link #waitFor()} holds keeps other threads from reaping the child in between, so neither pid
     * can have gone to another process. Only for a child the engine cloned itself, not a shim's.
     */
    public synchronized boolean signalIfRunning(int target, int signal) {
        if (shimPid > 0) {
            throw new IllegalStateException("child " + pid + " belongs to shim " + shimPid
                    + ", which reaps it; signal the container through its record instead");
        }
        if (pollExit() != null) {
            return false;
        }
        if (target == pid) {
            return libraries.libc().kill(pid, signal) == 0;
        }
        // The forked process is this child's to reap, not the engine's: the native call makes sure that
        // target is still the child's own before it signals.
        return libraries.bantubox().bb_signal_child_of(target, pid, signal) == 0;
    }

    private int reapedPid() {
        return shimPid > 0 ? shimPid : pid;
    }

    /** Converts a wait status into a shell-style exit code. */
    static int decodeWaitStatus(int status) {
        int termSignal = status & 0x7f;
        if (termSignal == 0) {
            return (status >> 8) & 0xff;
        }
        return 128 + termSignal;
    }

    private JournalRecord childRecord(String[] fields) {
        int index = Integer.parseInt(fields[1]);
        Step step = plan.step(index);
        return new JournalRecord(JournalRecord.Side.CHILD, index, step.describe(), Long.parseLong(fields[2]), fields[3],
                Long.parseLong(fields[4]), Long.parseLong(fields[5]));
    }

    private String readJournalPipe() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        LibC libc = libraries.libc();
        while (true) {
            long count = libc.read(journalFd, buffer, buffer.length);
            if (count > 0) {
                text.write(buffer, 0, (int) count);
            } else if (count == 0) {
                break;
            } else if (libraries.lastErrno() != LibC.EINTR) {
                break;
            }
        }
        return text.toString(StandardCharsets.US_ASCII);
    }

    private synchronized void releaseMemory() {
        if (memoryHandle != 0 && memoryHandle != -1) {
            libraries.bantubox().bb_release(memoryHandle);
            memoryHandle = 0;
        }
    }

    private void closeJournal() {
        if (journalFd >= 0) {
            libraries.libc().close(journalFd);
            journalFd = -1;
        }
    }
}
