package dev.bantubox.engine.container;

import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.plan.ToggleSet;

import java.util.List;

/**
 * What the learner asked for: an image, a command, the isolation toggles and a few settings.
 *
 * @param image            the image name
 * @param command          the command and its arguments
 * @param toggles          the isolation steps that are on
 * @param hostname         the hostname inside (UTS_NS only); null means the container's short id
 * @param name             a name for the container, or null
 * @param environment      extra KEY=VALUE entries
 * @param workingDirectory the directory to start in, or null
 * @param removeOnExit     true to remove the container when its command ends (--rm)
 */
public record RunSpec(String image, List<String> command, ToggleSet toggles, String hostname, String name,
                      List<String> environment, String workingDirectory, boolean removeOnExit) {

    public RunSpec {
        command = List.copyOf(command);
        environment = List.copyOf(environment);
    }

    /** A fully isolated run of command in the default image, removed when it ends. */
    public static RunSpec of(String... command) {
        return new RunSpec(ImageStore.DEFAULT_IMAGE, List.of(command), ToggleSet.full(), null, null, List.of(), null, true);
    }

    public RunSpec withToggles(ToggleSet newToggles) {
        return new RunSpec(image, command, newToggles, hostname, name, environment, workingDirectory, removeOnExit);
    }

    public RunSpec withImage(String newImage) {
        return new RunSpec(newImage, command, toggles, hostname, name, environment, workingDirectory, removeOnExit);
    }

    public RunSpec withHostname(String newHostname) {
        return new RunSpec(image, command, toggles, newHostname, name, environment, workingDirectory, removeOnExit);
    }

    public RunSpec withRemoveOnExit(boolean remove) {
        return new RunSpec(image, command, toggles, hostname, name, environment, workingDirectory, remove);
    }
}
