package dev.bantubox.engine.kernel;

import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.plan.CloneFlags;
import dev.bantubox.engine.plan.LaunchPlan;
import dev.bantubox.engine.plan.LaunchRequest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Starts a container's child through bantubox-shim, so that the container keeps a parent that records
 * its exit status even when the engine exits or is killed. The shim gets the plan on a pipe, clones the
 * child, and reports the clone on the journal pipe before the child's own records.
 */
public final class ShimLauncher {
    /** Descriptor numbers in the shim, as shim.c expects them. */
    private static final int SHIM_DESCRIPTORS = 6;

    private final NativeLibraries libraries;

    public ShimLauncher() {
        this(NativeLibraries.get());
    }

    public ShimLauncher(NativeLibraries libraries) {
        this.libraries = libraries;
    }

    /**
     * Starts the shim for the container in folder and returns the child it cloned, which waits for
     * {@link LaunchedChild#go()}. stdio becomes the container's standard input, output and error (-1
     * passes the engine's own). With newSession the shim and the container leave the engine's session,
     * so they neither get its terminal's signals nor end with it.
     */
    public LaunchedChild start(LaunchPlan plan, Path folder, LaunchRequest.Stdio stdio, boolean newSession)
            throws CloneFailedException {
        int[] planPipe = openPipe();
        int[] syncPipe = openPipe();
        int[] journalPipe = openPipe();
        int[] descriptors = {
            orOwn(stdio.input(), 0), orOwn(stdio.output(), 1), orOwn(stdio.error(), 2),
            planPipe[0], syncPipe[0], journalPipe[1],
        };
        int shimPid;
        try {
            shimPid = spawn(folder, descriptors, newSession);
        } finally {
            close(planPipe[0], syncPipe[0], journalPipe[1]);
        }
        if (shimPid < 0) {
            close(planPipe[1], syncPipe[1], journalPipe[0]);
            throw new IllegalStateException("cannot start " + libraries.shimProgram() + ": " + Errno.name(-shimPid));
        }

        byte[] encoded = plan.encode();
        writeAll(planPipe[1], encoded);
        close(planPipe[1]);

        String cloneLine = readLine(journalPipe[0]);
        String call = "clone(" + CloneFlags.describe(plan.cloneFlags()) + ")";
        String[] fields = cloneLine.trim().split(" ");
        if (fields.length != 5 || !fields[0].equals("C")) {
            close(syncPipe[1], journalPipe[0]);
            int status = reap(shimPid);
            throw new IllegalStateException("bantubox-shim ended with status " + status + " before it cloned the"
                    + " container; its message, if any, is on the container's standard error");
        }
        int pid = Integer.parseInt(fields[1]);
        JournalRecord cloneRecord = new JournalRecord(JournalRecord.Side.ENGINE, -1, call, pid, fields[2],
                Long.parseLong(fields[3]), Long.parseLong(fields[4]));
        if (pid < 0) {
            close(syncPipe[1], journalPipe[0]);
            reap(shimPid);
            if (fields[2].equals("EINVAL") && Long.parseLong(fields[4]) == 0) {
                throw new IllegalStateException("bantubox-shim rejected the launch plan; the engine and the native"
                        + " programs are out of step: rebuild both");
            }
            throw new CloneFailedException(cloneRecord);
        }
        // The shim's child runs in the shim's memory, not the JVM's: there is nothing for the engine to release.
        return new LaunchedChild(libraries, plan, pid, shimPid, syncPipe[1], journalPipe[0], cloneRecord, 0);
    }

    private int spawn(Path folder, int[] descriptors, boolean newSession) {
        String program = libraries.shimProgram().toString();
        ByteArrayOutputStream arguments = new ByteArrayOutputStream();
        for (String argument : new String[] {program, folder.toString()}) {
            arguments.writeBytes(argument.getBytes(StandardCharsets.UTF_8));
            arguments.write(0);
        }
        byte[] packed = arguments.toByteArray();
        return libraries.bantubox().bb_spawn(program, packed, packed.length, 2, descriptors, SHIM_DESCRIPTORS,
                newSession ? 1 : 0);
    }

    private int[] openPipe() {
        int[] fds = new int[2];
        if (libraries.libc().pipe2(fds, LibC.O_CLOEXEC) != 0) {
            throw new IllegalStateException("pipe2 failed: " + Errno.name(libraries.lastErrno()));
        }
        return fds;
    }

    private static int orOwn(int descriptor, int own) {
        return descriptor >= 0 ? descriptor : own;
    }

    private void writeAll(int fd, byte[] bytes) {
        int offset = 0;
        while (offset < bytes.length) {
            byte[] rest = offset == 0 ? bytes : Arrays.copyOfRange(bytes, offset, bytes.length);
            long written = libraries.libc().write(fd, rest, rest.length);
            if (written < 0 && libraries.lastErrno() == LibC.EINTR) {
                continue;
            }
            if (written < 0) {
                // The shim ended early; its clone report, read below, shows why.
                return;
            }
            offset += (int) written;
        }
    }

    /** Reads up to a newline or end-of-file, one byte at a time: the child's records follow in the same pipe. */
    private String readLine(int fd) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] one = new byte[1];
        while (true) {
            long count = libraries.libc().read(fd, one, 1);
            if (count == 1) {
                if (one[0] == '\n') {
                    break;
                }
                line.write(one[0]);
            } else if (count == 0 || libraries.lastErrno() != LibC.EINTR) {
                break;
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private int reap(int shimPid) {
        int[] status = new int[1];
        while (libraries.libc().waitpid(shimPid, status, 0) != shimPid) {
            if (libraries.lastErrno() != LibC.EINTR) {
                return -1;
            }
        }
        return LaunchedChild.decodeWaitStatus(status[0]);
    }

    private void close(int... fds) {
        for (int fd : fds) {
            libraries.libc().close(fd);
        }
    }
}
