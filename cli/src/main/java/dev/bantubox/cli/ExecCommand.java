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
            "Without -i the command reads /dev/null, or with -t a terminal that gets no input.",
            "With -i -t the command gets a terminal of its own, as with docker exec -it: this terminal switches"
                + " to raw mode, so every key, Ctrl-C included, goes to the command."})
final class ExecCommand implements Callable<Integer> {
    @Option(names = {"-i", "--interactive"}, description = "pass this terminal's input to the command")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "run the command on a pseudo-terminal, connected to this one"
            + " (standard input must be a terminal)")
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
    public Integer call() throws InterruptedException {
        ExecSpec spec = new ExecSpec(command, environment, workingDirectory);
        if (tty) {
            TerminalExec terminal = TerminalExec.onStandardInput(interactive);
            return terminal.run(Engine.fromEnvironment(), container, spec, trace);
        }
        Engine engine = Engine.fromEnvironment();
        LibC libc = NativeLibraries.get().libc();
        int input = interactive ? -1 : libc.open("/dev/null", LibC.O_RDONLY | LibC.O_CLOEXEC);
        ExecProcess process;
        try {
            TerminalSignals.ignoreWhileAttached();
            process = engine.exec(container, spec, new LaunchRequest.Stdio(input, -1, -1));
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
