package dev.bantubox.engine;

import dev.bantubox.engine.cgroup.CgroupException;
import dev.bantubox.engine.cgroup.CgroupHook;
import dev.bantubox.engine.cgroup.CgroupJournal;
import dev.bantubox.engine.cgroup.CgroupLayout;
import dev.bantubox.engine.cgroup.CgroupLimits;
import dev.bantubox.engine.cgroup.CgroupUsage;
import dev.bantubox.engine.cgroup.ContainerCgroup;
import dev.bantubox.engine.container.ContainerControl;
import dev.bantubox.engine.container.ContainerInspection;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.container.ContainerStore;
import dev.bantubox.engine.container.ExecProcess;
import dev.bantubox.engine.container.ExecSpec;
import dev.bantubox.engine.container.ExecLaunch;
import dev.bantubox.engine.container.TerminalSession;
import dev.bantubox.engine.container.Launch;
import dev.bantubox.engine.container.LogFollower;
import dev.bantubox.engine.container.LaunchHook;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.RunningContainer;
import dev.bantubox.engine.host.HostDoctor;
import dev.bantubox.engine.host.HostReport;
import dev.bantubox.engine.container.StateReconciler;
import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.network.NetworkHook;
import dev.bantubox.engine.network.NetworkSettings;
import dev.bantubox.engine.inspect.NamespaceRecorder;
import dev.bantubox.engine.plan.LaunchRequest;

import dev.bantubox.engine.kernel.LibC;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.kernel.OutputPipe;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Consumer;

/**
 * The entry point for the CLI, the GUI and the tests: images, containers, and running them.
 * Engine calls block; the GUI calls them from its executor, never from the FX thread.
 */
public final class Engine {
    private static final Logger LOG = Logger.getLogger(Engine.class.getName());
    private final EngineHome home;
    private final ImageStore images;
    private final ContainerStore containers;
    private final NetworkHook network;
    private final CgroupHook cgroups;
    private final List<LaunchHook> hooks;
    private final StateReconciler states;
    private final ContainerControl control;
    /** How long to wait for output after the command ended: a background child may keep the pipe open. */
    private static final long OUTPUT_DRAIN_SECONDS = 2;

    /** Creates an engine with the network settings of the environment (BANTUBOX_BRIDGE, BANTUBOX_SUBNET, BANTUBOX_NETNS). */
    public Engine(EngineHome home) {
        this(home, NetworkSettings.fromEnvironment());
    }

    public Engine(EngineHome home, NetworkSettings networkSettings) {
        this.home = home;
        this.images = new ImageStore(home.images());
        this.containers = new ContainerStore(home.containers());
        this.cgroups = new CgroupHook();
        this.network = new NetworkHook(home.root(), networkSettings);
        // The namespace inodes are read while the child waits, so a diagram has them even for a command
        // that ends at once. Cgroups before the network: the child joins them before its network is wired.
        this.hooks = List.of(new NamespaceRecorder(), cgroups, network);
        this.states = new StateReconciler(containers, hooks);
        this.control = new ContainerControl(states);
        reconcileAtStart();
    }

    /** An engine on BANTUBOX_HOME (or /var/lib/bantubox). */
    public static Engine fromEnvironment() {
        return new Engine(EngineHome.fromEnvironment());
    }

    /** Returns the container networking: bridge, address leases and published ports. */
    public NetworkHook network() {
        return network;
    }

    public EngineHome home() {
        return home;
    }

    public ImageStore images() {
        return images;
    }

    public ContainerStore containers() {
        return containers;
    }

    /**
     * Starts a container and returns once its command runs (execve succeeded). On any failure the
     * container is removed again and an EngineException says why.
     */
    public RunningContainer start(RunSpec spec, LaunchRequest.Stdio stdio) {
        Image image = images.resolve(spec.image());
        return new Launch(containers, home, states, spec, image, stdio, false, hooks).start();
    }

    /**
     * Starts a container in the background (run -d): its input is /dev/null, its output and errors go to
     * a log file in its folder, and it runs in a session of its own. Returns once its command runs. The
     * container does not depend on this engine process: when it exits or is killed, the container goes on,
     * and its shim records its exit status for the next engine to read.
     */
    public RunningContainer startDetached(RunSpec spec) {
        Image image = images.resolve(spec.image());
        RunningContainer container = new Launch(containers, home, states, spec, image, LaunchRequest.Stdio.inherit(), true,
                hooks).start();
        watchExit(container);
        return container;
    }

    /**
     * Starts an exited container again: the same id, name, folder and log, and the root filesystem its
     * earlier run left (with an overlay, the same writable layer), so the files it wrote are still there.
     * A running container is stopped first, as {@link #stop} does with grace. It runs in the background
     * as after {@link #startDetached}, with new cgroups, namespaces and, on the bridge, a new address
     * lease. A container started with --rm cannot restart, because its end removes it.
     */
    public RunningContainer restart(String idOrName, Duration grace) {
        ContainerRecord record = find(idOrName);
        if (record.removeOnExit) {
            throw new EngineException("container " + record.shortId() + " removes itself when it ends (--rm), so it"
                    + " cannot restart; start a new container instead");
        }
        if (record.state != ContainerRecord.State.EXITED) {
            control.stop(record.id, grace);
        }
        ContainerRecord stopped = status(record.id);
        Image image = images.resolve(stopped.image);
        RunningContainer container = Launch.restart(containers, home, states, stopped, image, hooks).start();
        watchExit(container);
        return container;
    }

    /** While this engine lives (the GUI, a test), it reaps the shim, its child, and records the end at once. */
    private static void watchExit(RunningContainer container) {
        Thread waiter = new Thread(() -> {
            try {
                container.waitForExit();
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "container " + container.shortId() + ": recording its exit failed: "
                        + failure.getMessage(), failure);
            }
        }, "container-waiter-" + container.shortId());
        waiter.setDaemon(true);
        waiter.start();
    }

    /** Starts a container, waits for its command, and returns the exit code. */
    public int run(RunSpec spec, LaunchRequest.Stdio stdio) {
        return start(spec, stdio).waitForExit();
    }

    /**
     * Runs a container with /dev/null as input and its output and errors collected in one text, as a
     * lesson's output pane shows them, and waits for it to end.
     */
    public RunOutcome runAndCapture(RunSpec spec) {
        return runAndCapture(spec, container -> { });
    }

    /**
     * Runs a container as {@link #runAndCapture(RunSpec)} does, and calls whileRunning once its command
     * runs (execve succeeded) and before waiting for it: the moment to inspect it or show its journal.
     */
    public RunOutcome runAndCapture(RunSpec spec, Consumer<RunningContainer> whileRunning) {
        LibC libc = NativeLibraries.get().libc();
        int devNull = libc.open("/dev/null", LibC.O_RDONLY | LibC.O_CLOEXEC);
        try (OutputPipe output = OutputPipe.open()) {
            RunningContainer container;
            try {
                container = start(spec, new LaunchRequest.Stdio(devNull, output.writeFd(), output.writeFd()));
            } finally {
                output.closeWriteEnd();
            }
            int exitCode;
            try {
                whileRunning.accept(container);
            } finally {
                exitCode = container.waitForExit();
            }
            String text = output.awaitText(OUTPUT_DRAIN_SECONDS, TimeUnit.SECONDS);
            return new RunOutcome(container.id(), exitCode, text, container.journal());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for the container's output", e);
        } finally {
            libc.close(devNull);
        }
    }

    /**
     * Checks what this host can and cannot do for BantuBox, one result per host check. As root it
     * also tries an overlay mount and a pivot_root() in a throwaway mount namespace below the home.
     */
    public HostReport checkHost() {
        return HostDoctor.withTrials(home).checkAll();
    }

    /** Returns how this host mounts cgroups, detected on first use. */
    public CgroupLayout cgroupLayout() {
        try {
            return cgroups.layout();
        } catch (IllegalStateException noCgroups) {
            throw new EngineException(noCgroups.getMessage(), noCgroups);
        }
    }

    /**
     * Reads a running container's cgroup figures now. Two samples give the share of a core used in
     * between ({@link CgroupUsage#cpuShareSince}).
     */
    public CgroupUsage usage(String idOrName) {
        return usage(find(idOrName));
    }

    /**
     * Reads the cgroup figures of a container whose record the caller has just listed, without looking
     * it up again: for a table that samples every container each second.
     */
    public CgroupUsage usage(ContainerRecord record) {
        try {
            return runningCgroup(record).usage();
        } catch (CgroupException unreadable) {
            throw new EngineException("cannot read the cgroup figures of container " + record.shortId() + ": "
                    + unreadable.getMessage() + " (it may have ended just now; 'bantubox ps' shows its state)",
                    unreadable);
        }
    }

    /**
     * Changes the limits of a running container. Null fields of limits stay as they are, and a memory
     * limit below what the container already uses is rejected.
     */
    public void updateLimits(String idOrName, CgroupLimits limits) {
        try {
            runningCgroup(find(idOrName)).updateLimits(limits, CgroupJournal.NONE);
        } catch (IllegalArgumentException | IllegalStateException rejected) {
            throw new EngineException(rejected.getMessage(), rejected);
        } catch (CgroupException failed) {
            throw new EngineException("cannot change the limits of container " + idOrName + ": " + failed.getMessage()
                    + " (the kernel rejected the value; a limit above the engine's own cgroup limit is one cause)",
                    failed);
        }
    }

    private ContainerCgroup runningCgroup(ContainerRecord record) {
        if (record.state != ContainerRecord.State.RUNNING) {
            throw new EngineException("container " + record.shortId() + " is " + record.status()
                    + ": only a running container has cgroups");
        }
        ContainerCgroup cgroup = cgroups.cgroupOf(record);
        if (cgroup == null) {
            throw new EngineException("container " + record.shortId() + " runs without cgroups, so it has no"
                    + " limits or usage figures; the engine's log gives the reason");
        }
        return cgroup;
    }

    /**
     * Removes an image from the store. Refused while a running container uses it: an overlay root reads
     * the image's folder as its lower layer for as long as the container runs.
     */
    public void removeImage(String name) {
        for (ContainerRecord record : containers.list()) {
            boolean alive = record.state == ContainerRecord.State.RUNNING && record.pid > 0
                    && Files.exists(Path.of("/proc/" + record.pid));
            if (alive && name.equals(record.image)) {
                throw new EngineException("image '" + name + "' is in use by running container " + record.shortId()
                        + "; stop that container first");
            }
        }
        images.remove(name);
    }

    /** Lists the containers, checked against the kernel first; only running ones unless all is set. */
    public List<ContainerRecord> list(boolean all) {
        List<ContainerRecord> records = states.refreshAll();
        return all ? records : records.stream().filter(record -> record.state != ContainerRecord.State.EXITED).toList();
    }

    /** Returns the container's record, checked against the kernel. */
    public ContainerRecord status(String idOrName) {
        ContainerRecord record = find(idOrName);
        return states.refresh(record.id).orElseThrow(() -> removedMeanwhile(record));
    }

    /**
     * Stops a running container: SIGTERM, then SIGKILL when it has not ended after grace. Returns its
     * record after the end (state EXITED); a container removed on exit (--rm) returns its last record.
     */
    public ContainerRecord stop(String idOrName, Duration grace) {
        ContainerRecord record = find(idOrName);
        return control.stop(record.id, grace).orElse(record);
    }

    /** Sends a signal (a number, see signal(7)) to a running container's first process. */
    public void kill(String idOrName, int signal) {
        control.kill(find(idOrName).id, signal);
    }

    /** Removes a container and everything it has on the host; force kills a running one first. */
    public void remove(String idOrName, boolean force) {
        control.remove(find(idOrName).id, force);
    }

    /**
     * Copies a detached container's log to out; with follow, keeps copying until the container has ended.
     * Throws when the container ran attached, whose output went to a terminal and was not kept.
     */
    public void copyLog(String idOrName, OutputStream out, boolean follow) throws IOException {
        ContainerRecord record = find(idOrName);
        if (record.logFile == null) {
            throw new EngineException("container " + record.shortId() + " ran attached to a terminal, so its output"
                    + " was not kept; run it with -d to keep its output in a log");
        }
        LogFollower.copy(Path.of(record.logFile), out, follow,
                () -> states.refresh(record.id).map(ContainerRecord::isRunning).orElse(false));
    }

    /** Inspects a container: spec, state, processes, namespaces, mounts and host paths. */
    public ContainerInspection inspect(String idOrName) {
        ContainerRecord record = status(idOrName);
        return ContainerInspection.of(record, containers.folderOf(record.id));
    }

    /** Starts a command in a running container, in its namespaces and root, with stdio as its 0, 1 and 2. */
    public ExecProcess exec(String idOrName, ExecSpec spec, LaunchRequest.Stdio stdio) {
        return ExecLaunch.start(status(idOrName), spec, stdio);
    }

    /**
     * Starts a command in a running container on a new pseudo-terminal of columns x rows characters,
     * as {@code docker exec -it} does, and returns once it runs. The command is a session leader with
     * the terminal as its controlling terminal; TERM is xterm-256color unless the container's or the
     * spec's environment sets it. A container with its own /dev/pts gets the terminal from there, so
     * tty inside it prints /dev/pts/N. Close the session to hang up.
     */
    public TerminalSession openTerminal(String idOrName, ExecSpec spec, int columns, int rows) {
        return ExecLaunch.startInTerminal(status(idOrName), spec, columns, rows);
    }

    /** Runs a command in a running container with /dev/null as input, collects its output, and waits for it. */
    public RunOutcome execAndCapture(String idOrName, ExecSpec spec) {
        ContainerRecord record = status(idOrName);
        LibC libc = NativeLibraries.get().libc();
        int devNull = libc.open("/dev/null", LibC.O_RDONLY | LibC.O_CLOEXEC);
        try (OutputPipe output = OutputPipe.open()) {
            ExecProcess process;
            try {
                process = ExecLaunch.start(record, spec, new LaunchRequest.Stdio(devNull, output.writeFd(), output.writeFd()));
            } finally {
                output.closeWriteEnd();
            }
            int exitCode = process.waitForExit();
            String text = output.awaitText(OUTPUT_DRAIN_SECONDS, TimeUnit.SECONDS);
            return new RunOutcome(record.id, exitCode, text, process.journal());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for the exec's output", e);
        } finally {
            libc.close(devNull);
        }
    }

    /** Looks a container up by full id, short id prefix or name. */
    public ContainerRecord find(String idOrName) {
        ContainerRecord match = null;
        for (ContainerRecord record : containers.list()) {
            if (record.id.equals(idOrName) || idOrName.equals(record.name)) {
                return record;
            }
            if (idOrName.length() >= 3 && record.id.startsWith(idOrName)) {
                if (match != null) {
                    throw new EngineException("'" + idOrName + "' matches more than one container; give more of the id");
                }
                match = record;
            }
        }
        if (match == null) {
            throw new EngineException("no container '" + idOrName + "': 'bantubox ps -a' lists them");
        }
        return match;
    }

    /**
     * Records what happened while no engine was watching: exits of detached containers, containers whose
     * engine was killed, leftover mounts. A failure here must not keep the engine from starting.
     */
    private void reconcileAtStart() {
        if (!Files.isDirectory(home.containers())) {
            return;
        }
        try {
            states.refreshAll();
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "checking the containers in " + home.containers() + " failed: "
                    + failure.getMessage(), failure);
        }
    }

    private static EngineException removedMeanwhile(ContainerRecord record) {
        return new EngineException("container " + record.shortId() + " was removed meanwhile");
    }
}
