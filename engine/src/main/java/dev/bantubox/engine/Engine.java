package dev.bantubox.engine;

import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.container.ContainerStore;
import dev.bantubox.engine.container.Launch;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.RunningContainer;
import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.plan.LaunchRequest;

/**
 * The entry point for the CLI, the GUI and the tests: images, containers, and running them.
 * Engine calls block; the GUI calls them from its executor, never from the FX thread.
 */
public final class Engine {
    private final EngineHome home;
    private final ImageStore images;
    private final ContainerStore containers;

    public Engine(EngineHome home) {
        this.home = home;
        this.images = new ImageStore(home.images());
        this.containers = new ContainerStore(home.containers());
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
        return new Launch(containers, spec, image, stdio).start();
    }

    /** Starts a container, waits for its command, and returns the exit code. */
    public int run(RunSpec spec, LaunchRequest.Stdio stdio) {
        return start(spec, stdio).waitForExit();
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
