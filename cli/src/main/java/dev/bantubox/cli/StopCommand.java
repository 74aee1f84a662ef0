package dev.bantubox.cli;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.container.ContainerRecord;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bantubox stop}: SIGTERM, then SIGKILL after a grace period. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stops running containers: sends SIGTERM to the first process and, when it has not ended"
                + " after the grace period, SIGKILL. Prints each container's id and exit status.",
            "The first process of a PID namespace ignores SIGTERM unless it handles it (sleep does not):"
                + " such a container ends by SIGKILL, with status 137. --init passes SIGTERM on to the command."})
final class StopCommand implements Callable<Integer> {
    @Option(names = {"-t", "--time"}, paramLabel = "SECONDS", description = "grace period before SIGKILL, in seconds"
            + " (default: ${DEFAULT-VALUE})")
    long seconds = 10;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "container id, id prefix or name")
    List<String> containers;

    @Override
    public Integer call() {
        if (seconds < 0) {
            throw new IllegalArgumentException("the grace period -t " + seconds + " is negative; give 0 or more seconds");
        }
        Engine engine = Engine.fromEnvironment();
        for (String container : containers) {
            ContainerRecord record = engine.stop(container, Duration.ofSeconds(seconds));
            boolean removed = engine.containers().load(record.id).isEmpty();
            // A container started with --rm is gone once it stopped; its last record still says running.
            System.out.println(record.shortId() + " " + (removed ? "stopped and removed (--rm)" : record.status()));
        }
        return 0;
    }
}
