package dev.bantubox.cli;

import dev.bantubox.engine.Engine;

import java.io.IOException;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bantubox logs}: the output of a detached container. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Prints what a detached container (run -d) wrote to its standard output and error.")
final class LogsCommand implements Callable<Integer> {
    @Option(names = {"-f", "--follow"}, description = "keep printing new output until the container ends")
    boolean follow;

    @Parameters(paramLabel = "CONTAINER", description = "container id, id prefix or name")
    String container;

    @Override
    public Integer call() throws IOException {
        Engine.fromEnvironment().copyLog(container, System.out, follow);
        return 0;
    }
}
