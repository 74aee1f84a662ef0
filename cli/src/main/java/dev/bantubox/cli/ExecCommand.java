package dev.bantubox.cli;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.container.ExecProcess;
import dev.bantubox.engine.container.ExecSpec;
import dev.bantubox.engine.kernel.LibC;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.plan.LaunchRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bantubox exec}: run a command inside a running container. */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Runs COMMAND inside a running container: in its namespaces (setns), its root and, through"
                + " a fork, its PID namespace. Exits with the command's status.",
            "Without -i the command reads /dev/null."})
final class ExecCommand implements Callable<Integer> {
    @Option(names = {"-i", "--interactive"}, description = "pass this terminal's input to the command")
    boolean interactive;

    // NOTE: no pseudo-terminal yet; -t only keeps this terminal, which the command then shares with the engine.
    @Option(names = {"-t", "--tty"}, description = "use this terminal (the command shares it with bantubox)")
    boolean tty;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "set an environment variable")
    List<String> environment = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "directory to start in, inside the container")
    String workingDirectory;

    @Option(names = "--trace", description = "print the journal of kernel steps, one line per step, to stderr")
    boolean trace;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "container id, id prefix or name")
    String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "the command and its arguments")
    List<String> command;

    @Override
    public Integer call() {
        Engine engine = Engine.fromEnvironment();
        LibC libc = NativeLibraries.get().libc();
        int input = interactive || tty ? -1 : libc.open("/dev/null", LibC.O_RDONLY | LibC.O_CLOEXEC);
        ExecProcess process;
        try {
            TerminalSignals.ignoreWhileAttached();
            process = engine.exec(container, new ExecSpec(command, environment, workingDirectory),
                    new LaunchRequest.Stdio(input, -1, -1));
        } finally {
            if (input >= 0) {
                libc.close(input);
            }
        }
        if (trace) {
            process.journal().forEach(record -> System.err.println(record.format()));
        }
        return process.waitForExit();
    }
}
