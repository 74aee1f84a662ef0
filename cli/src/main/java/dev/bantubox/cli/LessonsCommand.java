package dev.bantubox.cli;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.lesson.Experiment;
import dev.bantubox.engine.lesson.ExperimentResult;
import dev.bantubox.engine.lesson.ExperimentRunner;
import dev.bantubox.engine.lesson.Lesson;
import dev.bantubox.engine.lesson.LessonLibrary;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bantubox lessons check DIR}: runs a lessons folder's experiments and reports what fails. */
@Command(name = "lessons", mixinStandardHelpOptions = true,
        description = "Checks lessons folders. 'bantubox --lessons DIR' opens one in the app.",
        subcommands = {LessonsCommand.Check.class})
final class LessonsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {
                "Runs every experiment of every lesson in DIR on this machine, as the app presets it, and reports"
                    + " each expectation that fails with the output the command printed.",
                "Exit status: 0 when every experiment that ran met its expectations, 1 when one did not."
                    + " Experiments that need an engine feature this build lacks are reported as skipped."})
    static final class Check implements Callable<Integer> {
        /** Exit status when at least one expectation failed. */
        static final int FAILED = 1;

        @Parameters(index = "0", paramLabel = "DIR",
                description = "the lessons folder: one subfolder per lesson, such as 00-name/lesson.json with lesson.md")
        Path directory;

        @Override
        public Integer call() {
            LessonLibrary library = LessonLibrary.load(directory.toAbsolutePath());
            ExperimentRunner runner = new ExperimentRunner(Engine.fromEnvironment());
            PrintStream out = System.out;
            int passed = 0;
            int failed = 0;
            int skipped = 0;
            for (Lesson lesson : library.lessons()) {
                for (int i = 0; i < lesson.experiments.size(); i++) {
                    Experiment experiment = lesson.experiments.get(i);
                    String name = lesson.folder + " experiment " + (i + 1) + " (" + experiment.title + ")";
                    ExperimentResult result = runner.run(lesson, experiment);
                    if (result.skipped() != null) {
                        skipped++;
                        out.println("skipped " + name + ": it " + result.skipped());
                    } else if (result.passed()) {
                        passed++;
                        out.println("ok      " + name);
                    } else {
                        failed++;
                        printFailure(out, name, experiment, result);
                    }
                }
            }
            out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped in " + library.directory());
            return failed == 0 ? 0 : FAILED;
        }

        private static void printFailure(PrintStream out, String name, Experiment experiment, ExperimentResult result) {
            out.println("FAILED  " + name);
            out.println("  command: " + experiment.command);
            for (String failure : result.failures()) {
                out.println("  expectation failed: " + failure);
            }
            out.println("  exit status: " + result.exitCode());
            String output = result.output().isEmpty() ? "(no output)" : result.output().stripTrailing();
            out.println("  output:");
            output.lines().forEach(line -> out.println("    " + line));
        }
    }
}
