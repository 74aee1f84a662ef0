package dev.bantubox.engine;

import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.container.ContainerStore;
import dev.bantubox.engine.container.Launch;
import dev.bantubox.engine.container.LaunchHook;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.RunningContainer;
import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.inspect.NamespaceRecorder;
import dev.bantubox.engine.plan.LaunchRequest;

import dev.bantubox.engine.kernel.LibC;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.kernel.OutputPipe;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The entry point for the CLI, the GUI and the tests: images, containers, and running them.
 * Engine calls block; the GUI calls them from its executor, never from the FX thread.
 */
public final class Engine {
    private final EngineHome home;
    private final ImageStore images;
    private final ContainerStore containers;
    private final List<LaunchHook> hooks;
    /** How long to wait for output after the command ended: a background child may keep the pipe open. */
    private static final long OUTPUT_DRAIN_SECONDS = 2;

    public Engine(EngineHome home) {
        this.home = home;
        this.images = new ImageStore(home.images());
        this.containers = new ContainerStore(home.containers());
        this.hooks = List.of(new NamespaceRecorder());
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
        return new Launch(containers, spec, image, stdio, hooks).start();
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
}
