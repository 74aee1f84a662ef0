package dev.bantubox.cli;

import dev.bantubox.engine.Engine;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bantubox inspect}: a container's spec, state, processes, namespaces, mounts and paths, as JSON. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Prints a container as JSON: its spec, state, pids, namespace inodes, mounts (from"
                + " /proc/PID/mountinfo) and its paths on the host.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONTAINER", description = "container id, id prefix or name")
    String container;

    @Override
    public Integer call() {
        System.out.println(Engine.fromEnvironment().inspect(container).toJson());
        return 0;
    }
}
