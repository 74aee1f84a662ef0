package dev.bantubox.cli;

import dev.bantubox.engine.EngineException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bantubox} command: Docker-style verbs over the BantuBox engine. */
@Command(name = "bantubox",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Builds real Linux containers step by step, to learn how they work.",
        subcommands = {RunCommand.class, PsCommand.class, StopCommand.class, KillCommand.class, RmCommand.class,
            LogsCommand.class, ExecCommand.class, InspectCommand.class, StatsCommand.class, ImagesCommand.class,
            ImageCommand.class, DoctorCommand.class, BenchCommand.class, LessonsCommand.class, SandboxCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Engine log lines are for the person at the terminal: one line each, no class names or dates.
        System.setProperty("java.util.logging.SimpleFormatter.format", "bantubox: %5$s%6$s%n");
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        // Everything after the command name belongs to the command, as in "run /bin/sh -c ...".
        commandLine.setStopAtPositional(true);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof EngineException engineError) {
                line.getErr().println("bantubox: " + engineError.getMessage());
                return engineError.exitCode();
            }
            if (exception instanceof IllegalArgumentException invalid) {
                line.getErr().println("bantubox: " + invalid.getMessage());
                return EngineException.ENGINE_ERROR;
            }
            throw exception;
        });
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine failed = exception.getCommandLine();
            failed.getErr().println("bantubox: " + exception.getMessage());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
            return EngineException.ENGINE_ERROR;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
