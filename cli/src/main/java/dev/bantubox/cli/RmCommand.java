package dev.bantubox.cli;

import dev.bantubox.engine.Engine;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bantubox rm}: remove containers with everything they have on the host. */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = "Removes containers: unmounts what is left of them and deletes their folders, with their"
                + " writable layer and log. A running container is rejected unless -f is given.")
final class RmCommand implements Callable<Integer> {
    @Option(names = {"-f", "--force"}, description = "kill a running container with SIGKILL first")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "container id, id prefix or name")
    List<String> containers;

    @Override
    public Integer call() {
        Engine engine = Engine.fromEnvironment();
        for (String container : containers) {
            engine.remove(container, force);
            System.out.println(container);
        }
        return 0;
    }
}
