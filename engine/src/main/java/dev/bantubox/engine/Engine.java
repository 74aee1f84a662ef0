package dev.bantubox.engine;

import dev.bantubox.engine.container.ContainerControl;
import dev.bantubox.engine.container.ContainerInspection;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.container.ContainerStore;
import dev.bantubox.engine.container.ExecProcess;
import dev.bantubox.engine.container.ExecSpec;
import dev.bantubox.engine.container.ExecLaunch;
import dev.bantubox.engine.container.Launch;
import dev.bantubox.engine.container.LogFollower;
import dev.bantubox.engine.container.LaunchHook;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.RunningContainer;
import dev.bantubox.engine.container.StateReconciler;
import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.image.ImageStore;
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

/**
 * The entry point for the CLI, the GUI and the tests: images, containers, and running them.
 * Engine calls block; the GUI calls them from its executor, never from the FX thread.
 */
public final class Engine {
    private static final Logger LOG = Logger.getLogger(Engine.class.getName());
    private final EngineHome home;
    private final ImageStore images;
    private final ContainerStore containers;
    private final List<LaunchHook> hooks;
    private final StateReconciler states;
    private final ContainerControl control;
    /** How long to wait for output after the command ended: a background child may keep the pipe open. */
    private static final long OUTPUT_DRAIN_SECONDS = 2;

    public Engine(EngineHome home) {
        this.home = home;
        this.images = new ImageStore(home.images());
        this.containers = new ContainerStore(home.containers());
        this.hooks = List.of();
        this.states = new StateReconciler(containers, hooks);
        this.control = new ContainerControl(states);
        reconcileAtStart();
    }

    /** An engine on BANTUBOX_HOME (or /var/lib/bantubox). */
    public static Engine fromEnvironment() {
        return new Engine(EngineHome.fromEnvironment());
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
        return new Launch(containers, states, spec, image, stdio, false, hooks).start();
    }

    /**
     * Starts a container in the background (run -d): its input is /dev/null, its output and errors go to
     * a log file in its folder, and it runs in a session of its own. Returns once its command runs. The
     * container does not depend on this engine process: when it exits or is killed, the container goes on,
     * and its shim records its exit status for the next engine to read.
     */
    public RunningContainer startDetached(RunSpec spec) {
        Image image = images.resolve(spec.image());
        RunningContainer container = new Launch(containers, states, spec, image, LaunchRequest.Stdio.inherit(), true,
                hooks).start();
        // While this engine lives (the GUI, a test), it reaps the shim, its child, and records the end at once.
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
        return container;
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
        LibC libc = NativeLibraries.get().libc();
        int devNull = libc.open("/dev/null", LibC.O_RDONLY | LibC.O_CLOEXEC);
        try (OutputPipe output = OutputPipe.open()) {
            RunningContainer container;
            try {
                container = start(spec, new LaunchRequest.Stdio(devNull, output.writeFd(), output.writeFd()));
            } finally {
                output.closeWriteEnd();
            }
            int exitCode = container.waitForExit();
            String text = output.awaitText(OUTPUT_DRAIN_SECONDS, TimeUnit.SECONDS);
            return new RunOutcome(container.id(), exitCode, text, container.journal());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for the container's output", e);
        } finally {
            libc.close(devNull);
        }
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
