package dev.bantubox.cli;

import dev.bantubox.engine.bench.CgroupCostBenchmark;
import dev.bantubox.engine.bench.LaunchBenchmark;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bantubox bench}: benchmarks that print figures for this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs a benchmark on this machine and prints its figures.",
        subcommands = {BenchCommand.Launch.class, BenchCommand.Cgroups.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code bantubox bench launch}: container launch time against unshare and bwrap. */
    @Command(name = "launch", mixinStandardHelpOptions = true,
            description = "Times a fully isolated launch of /bin/true against unshare(1) and bwrap(1).")
    static final class Launch implements Callable<Integer> {
        @Option(names = "--runs", paramLabel = "N", description = "measured runs per launcher (default: ${DEFAULT-VALUE})")
        int runs = 200;

        @Override
        public Integer call() throws Exception {
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1, not " + runs);
            }
            new LaunchBenchmark(runs, System.out).run();
            return 0;
        }
    }

    /** {@code bantubox bench cgroups}: what creating, limiting and joining cgroups adds to a launch. */
    @Command(name = "cgroups", mixinStandardHelpOptions = true,
            description = "Times what cgroups (with CPU, memory and pids limits) add to a container launch.")
    static final class Cgroups implements Callable<Integer> {
        @Option(names = "--runs", paramLabel = "N", description = "measured runs (default: ${DEFAULT-VALUE})")
        int runs = 200;

        @Override
        public Integer call() throws Exception {
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1, not " + runs);
            }
            CgroupCostBenchmark.main(new String[] {String.valueOf(runs)});
            return 0;
        }
    }
}
