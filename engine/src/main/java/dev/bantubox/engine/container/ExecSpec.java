package dev.bantubox.engine.container;

import java.util.List;

/**
 * A command to run in a running container with exec.
 *
 * @param command          the command and its arguments
 * @param environment      KEY=VALUE entries added to the container's environment
 * @param workingDirectory the directory to start in, inside the container, or null for "/"
 */
public record ExecSpec(List<String> command, List<String> environment, String workingDirectory) {
    public ExecSpec {
        command = List.copyOf(command);
        environment = List.copyOf(environment);
    }

    /** Runs command with the container's environment, in "/". */
    public static ExecSpec of(String... command) {
        return new ExecSpec(List.of(command), List.of(), null);
    }
}
