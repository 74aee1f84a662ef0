package dev.bantubox.engine.bench;

import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.cgroup.CgroupHook;
import dev.bantubox.engine.cgroup.CgroupLimits;
import dev.bantubox.engine.container.ContainerStore;
import dev.bantubox.engine.container.Launch;
import dev.bantubox.engine.container.LaunchContext;
import dev.bantubox.engine.container.LaunchHook;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.StateReconciler;
import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.kernel.LaunchedChild;
import dev.bantubox.engine.kernel.LibC;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.plan.LaunchRequest;
import dev.bantubox.engine.plan.Step;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.engine.util.TreeRemover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Measures what cgroups add to a container launch: creating the directories and writing the limits
 * (before clone), and moving the child in (the child's own writes to the v1 tasks files right after the
 * go-signal, and the engine's write to the v2 cgroup.procs while the child waits). Each run launches a real
 * container of {@code /bin/true} with CPU, memory and pids limits and times the cgroup hook's own
 * calls; the clean-up after the command ended is timed too but is not part of the launch. Runs
 * without the hook, alternating with those with it, give the end-to-end difference as a cross-check.
 * The launch journal splits the join writes into the first and the others, because a move that takes
 * the kernel's global cgroup lock waits for an RCU grace period the first time in a while.
 *
 * <p>Usage: {@code CgroupCostBenchmark [RUNS]} as root; RUNS defaults to 200.
 */
public final class CgroupCostBenchmark {
    private static final int DEFAULT_RUNS = 200;
    private static final int WARM_UP_RUNS = 20;
    private static final CgroupLimits LIMITS = new CgroupLimits(0.5, 512, 64L << 20, null, 64L);

    private CgroupCostBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_RUNS;
        LibC libc = NativeLibraries.get().libc();
        if (libc.geteuid() != 0) {
            System.err.println("the cgroup benchmark creates cgroups and launches containers, which needs root: run it with sudo");
            System.exit(1);
        }
        Path home = Files.createTempDirectory("bantubox-bench-");
        int devNull = libc.open("/dev/null", LibC.O_RDONLY | LibC.O_CLOEXEC);
        try {
            Benchmark benchmark = new Benchmark(new ContainerStore(home.resolve("containers")), new EngineHome(home),
                    new LaunchRequest.Stdio(devNull, devNull, devNull));
            for (int i = 0; i < WARM_UP_RUNS; i++) {
                benchmark.launchWithCgroups(new Timings());
                benchmark.launchWithoutCgroups();
            }
            Timings timings = new Timings();
            List<Long> withoutCgroups = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                benchmark.launchWithCgroups(timings);
                withoutCgroups.add(benchmark.launchWithoutCgroups());
            }
            print(runs, timings, withoutCgroups, new CgroupHook().layout().describe());
        } finally {
            libc.close(devNull);
            TreeRemover.remove(home);
        }
    }

    private static void print(int runs, Timings timings, List<Long> withoutCgroups, String layout) {
        System.out.printf(Locale.ROOT, "cgroup launch cost, %d runs of /bin/true with %s%n", runs, LIMITS);
        System.out.println("cgroups: " + layout);
        System.out.printf(Locale.ROOT, "%-44s %9s %9s %9s %9s%n", "", "median", "p90", "min", "max");
        row("create directories + write limits", timings.create);
        row("engine's join work while the child waits", timings.join);
        row("join writes (child: tasks; engine: v2 procs)", timings.allJoinWrites);
        row("  of them: the first", timings.firstJoinWrite);
        row("  of them: the others", timings.otherJoinWrites);
        row("added launch cost (create + limits + join)", timings.added());
        row("clean-up after exit (kill, rmdir)", timings.cleanUp);
        row("whole launch with cgroups", timings.launch);
        row("whole launch without cgroups", withoutCgroups);
        System.out.printf(Locale.ROOT, "difference of the whole-launch medians: %.3f ms%n",
                (median(timings.launch) - median(withoutCgroups)) / 1e6);
    }

    private static void row(String label, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-44s %7.3fms %7.3fms %7.3fms %7.3fms%n", label, median(sorted) / 1e6,
                sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1) / 1e6, sorted.get(0) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    /** The durations of every measured run, in nanoseconds. */
    private static final class Timings {
        final List<Long> create = new ArrayList<>();
        final List<Long> join = new ArrayList<>();
        final List<Long> cleanUp = new ArrayList<>();
        final List<Long> launch = new ArrayList<>();
        final List<Long> firstJoinWrite = new ArrayList<>();
        final List<Long> otherJoinWrites = new ArrayList<>();
        final List<Long> allJoinWrites = new ArrayList<>();

        /** Creating and limiting (engine, before clone), plus every join write (engine and child). */
        List<Long> added() {
            List<Long> sums = new ArrayList<>();
            for (int i = 0; i < create.size(); i++) {
                sums.add(create.get(i) + join.get(i) + allJoinWrites.get(i));
            }
            return sums;
        }
    }

    /** Container launches on the host's own root (no namespaces), so that the cgroup work is the only difference. */
    private static final class Benchmark {
        private final ContainerStore store;
        private final EngineHome home;
        private final LaunchRequest.Stdio stdio;
        private final Image host = new Image("host", Path.of("/"), "the host's own root", Instant.now());
        private final RunSpec withLimits;
        private final CgroupHook cgroups = new CgroupHook();

        Benchmark(ContainerStore store, EngineHome home, LaunchRequest.Stdio stdio) {
            this.store = store;
            this.home = home;
            this.stdio = stdio;
            this.withLimits = RunSpec.builder().toggles(ToggleSet.none()).command("/bin/true").removeOnExit(true)
                    .limits(LIMITS).build();
        }

        void launchWithCgroups(Timings timings) {
            TimedHook hook = new TimedHook(cgroups);
            long start = System.nanoTime();
            var container = new Launch(store, home, new StateReconciler(store, List.of(hook)), withLimits, host, stdio, false, List.of(hook)).start();
            long launched = System.nanoTime() - start;
            container.waitForExit();
            timings.create.add(hook.beforeClone);
            timings.join.add(hook.beforeGo);
            timings.cleanUp.add(hook.afterExit);
            timings.launch.add(launched);

            // The child joins the v1 hierarchies itself (write "0" to tasks); the engine writes the pid into
            // cgroup.procs of the v2 one.
            List<Long> joinWrites = container.journal().stream()
                    .filter(entry -> entry.call().contains("/tasks\"") || entry.call().contains("/cgroup.procs\""))
                    .map(JournalRecord::durationNanos).toList();
            timings.firstJoinWrite.add(joinWrites.get(0));
            timings.otherJoinWrites.add(joinWrites.stream().skip(1).mapToLong(Long::longValue).sum());
            timings.allJoinWrites.add(joinWrites.stream().mapToLong(Long::longValue).sum());
        }

        long launchWithoutCgroups() {
            RunSpec spec = withLimits.toBuilder().limits(CgroupLimits.none()).build();
            long start = System.nanoTime();
            var container = new Launch(store, home, new StateReconciler(store, List.of()), spec, host, stdio, false, List.of()).start();
            long launched = System.nanoTime() - start;
            container.waitForExit();
            return launched;
        }
    }

    /** Times each call of the hook it wraps. */
    private static final class TimedHook implements LaunchHook {
        private final LaunchHook hook;
        long beforeClone;
        long beforeGo;
        long afterExit;

        TimedHook(LaunchHook hook) {
            this.hook = hook;
        }

        @Override
        public void beforeClone(LaunchContext context) {
            long start = System.nanoTime();
            hook.beforeClone(context);
            beforeClone = System.nanoTime() - start;
        }

        @Override
        public List<Step> childSteps(LaunchContext context) {
            return hook.childSteps(context);
        }

        @Override
        public void beforeGo(LaunchContext context, LaunchedChild child) {
            long start = System.nanoTime();
            hook.beforeGo(context, child);
            beforeGo = System.nanoTime() - start;
        }

        @Override
        public void afterExit(LaunchContext context) {
            long start = System.nanoTime();
            hook.afterExit(context);
            afterExit = System.nanoTime() - start;
        }
    }
}
