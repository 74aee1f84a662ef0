package dev.bantubox.cli;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.kernel.Signals;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bantubox kill}: send a signal to a container's first process. */
@Command(name = "kill", mixinStandardHelpOptions = true,
        description = "Sends a signal to the first process of running containers.")
final class KillCommand implements Callable<Integer> {
    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL",
            description = "signal name or number, for example TERM, SIGHUP or 9 (default: ${DEFAULT-VALUE})")
    String signal = "KILL";

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "container id, id prefix or name")
    List<String> containers;

    @Override
    public Integer call() {
        int number = Signals.number(signal);
        Engine engine = Engine.fromEnvironment();
        for (String container : containers) {
            engine.kill(container, number);
            System.out.println(container);
        }
        return 0;
    }
}
