package dev.bantubox.engine.container;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.host.ProcessIdentity;
import dev.bantubox.engine.kernel.Errno;
import dev.bantubox.engine.kernel.LibC;
import dev.bantubox.engine.kernel.NativeLibraries;

import java.time.Duration;
import java.util.Optional;

/**
 * Stops, signals and removes containers. Any engine process can do this for any container, also one
 * that another engine started, because it works from the record and the kernel. The container's shim
 * records the exit in every case.
 */
public final class ContainerControl {
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;
    /** How long a container may take to end after SIGKILL before stop and rm -f give up. */
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    private final StateReconciler states;

    public ContainerControl(StateReconciler states) {
        this.states = states;
    }

    /**
     * Sends SIGTERM to the container's first process and, if it has not ended after grace, SIGKILL. Returns
     * the record after the end, or empty when the container was removed (--rm). A container that is not
     * running is left as it is.
     *
     * <p>The first process of a PID namespace gets only the signals it has a handler for, from its own
     * namespace and from the host alike, except SIGKILL; a command that is not written as an init, such
     * as sleep, ignores SIGTERM there and is ended by SIGKILL after the grace period.
     */
    public Optional<ContainerRecord> stop(String id, Duration grace) {
        Optional<ContainerRecord> record = states.refresh(id);
        if (record.isEmpty() || record.get().state == ContainerRecord.State.EXITED) {
            return record;
        }
        ProcessIdentity process = requireProcess(record.get());
        signal(record.get(), process, SIGTERM);
        Optional<ContainerRecord> ended = awaitExit(id, grace);
        if (ended.isEmpty() || ended.get().state == ContainerRecord.State.EXITED) {
            return ended;
        }
        signal(record.get(), process, SIGKILL);
        return requireExit(id, record.get());
    }

    /** Sends signal to the container's first process; the container must be running. */
    public void kill(String id, int signal) {
        ContainerRecord record = states.refresh(id).orElseThrow(() -> gone(id));
        if (record.state == ContainerRecord.State.EXITED) {
            throw new EngineException("container " + record.shortId() + " is not running (" + record.status()
                    + "): signals go only to running containers");
        }
        signal(record, requireProcess(record), signal);
    }

    /**
     * Removes the container with everything it has on the host. A running one is refused unless force is
     * set; then it is killed with SIGKILL first.
     */
    public void remove(String id, boolean force) {
        Optional<ContainerRecord> found = states.refresh(id);
        if (found.isEmpty()) {
            return;
        }
        ContainerRecord record = found.get();
        if (record.state != ContainerRecord.State.EXITED) {
            if (!force) {
                throw new EngineException("container " + record.shortId() + " is " + record.status() + ": stop it"
                        + " first with 'bantubox stop " + record.shortId() + "', or remove it anyway with"
                        + " 'bantubox rm -f " + record.shortId() + "'");
            }
            ProcessIdentity process = record.process();
            if (process != null && process.isAlive()) {
                signal(record, process, SIGKILL);
                requireExit(id, record);
            }
        }
        states.remove(id);
    }

    /**
     * Waits up to timeout for the container to end. Returns the EXITED record, or the RUNNING record when
     * the time is up, or empty when the container is gone.
     */
    public Optional<ContainerRecord> awaitExit(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<ContainerRecord> record = states.refresh(id);
            if (record.isEmpty() || record.get().state == ContainerRecord.State.EXITED
                    || System.nanoTime() - deadline >= 0) {
                return record;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while waiting for container " + record.get().shortId() + " to end", e);
            }
        }
    }

    private Optional<ContainerRecord> requireExit(String id, ContainerRecord record) {
        Optional<ContainerRecord> ended = awaitExit(id, KILL_TIMEOUT);
        if (ended.isPresent() && ended.get().state != ContainerRecord.State.EXITED) {
            throw new EngineException("container " + record.shortId() + " (pid " + record.pid + ") did not end within "
                    + KILL_TIMEOUT.toSeconds() + " s of SIGKILL; a process stuck in the kernel (state D in"
                    + " /proc/" + record.pid + "/stat) ends only when its system call returns");
        }
        return ended;
    }

    private static ProcessIdentity requireProcess(ContainerRecord record) {
        ProcessIdentity process = record.process();
        if (process == null) {
            throw new EngineException("container " + record.shortId() + " is still starting: try again in a moment");
        }
        return process;
    }

    /** Sends the signal only when the pid still names the container's process, never a newer one. */
    private static void signal(ContainerRecord record, ProcessIdentity process, int signal) {
        if (!process.isAlive()) {
            return;
        }
        NativeLibraries libraries = NativeLibraries.get();
        if (libraries.libc().kill(process.pid(), signal) != 0) {
            int errno = libraries.lastErrno();
            if (errno != LibC.ESRCH) {
                throw new EngineException("kill(" + process.pid() + ", " + signal + ") for container "
                        + record.shortId() + " failed: " + Errno.name(errno));
            }
        }
    }

    private static EngineException gone(String id) {
        return new EngineException("container " + id + " no longer exists: 'bantubox ps -a' lists the containers");
    }
}
