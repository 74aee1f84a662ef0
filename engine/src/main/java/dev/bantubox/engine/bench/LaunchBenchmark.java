package dev.bantubox.engine.bench;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.host.HostFacts;
import dev.bantubox.engine.kernel.CloneFailedException;
import dev.bantubox.engine.kernel.LaunchedChild;
import dev.bantubox.engine.kernel.LibC;
import dev.bantubox.engine.kernel.NativeLauncher;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.kernel.StepFailedException;
import dev.bantubox.engine.plan.LaunchPlan;
import dev.bantubox.engine.plan.LaunchPlanner;
import dev.bantubox.engine.plan.LaunchRequest;
import dev.bantubox.engine.plan.RootFilesystem;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.engine.util.TreeRemover;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times a fully isolated launch of /bin/true in this JVM against unshare(1) and bwrap(1) doing the same
 * namespaces on the same rootfs, started as processes from this JVM. Prints median and p99 of each, with
 * ratios to bwrap. Two rows for BantuBox: the launch itself (plan, clone, every step in the child,
 * execve, wait for the exit), and a whole container's life through the engine (folder and record,
 * cgroups, the shim that keeps the exit status, and removal afterwards, as `run --rm` does).
 */
public final class LaunchBenchmark {
    private static final int DEFAULT_RUNS = 200;
    private static final int WARM_UP_RUNS = 20;

    private final int runs;
    private final PrintStream out;

    public LaunchBenchmark(int runs, PrintStream out) {
        this.runs = runs;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_RUNS;
        new LaunchBenchmark(runs, System.out).run();
    }

    /** Runs every launcher and prints the table. */
    public void run() throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("bantubox-bench-");
        try {
            Engine engine = new Engine(new EngineHome(home));
            Image image = engine.images().resolve(ImageStore.DEFAULT_IMAGE);
            String rootfs = image.rootfs().toString();

            Samples launch = timeLaunchPath(home, image);
            Samples bantubox = timeEngine(engine);
            Samples unshare = timeProcess("unshare --mount --uts --ipc --net --pid --fork --mount-proc --root=ROOTFS",
                    List.of("unshare", "--mount", "--uts", "--ipc", "--net", "--pid", "--fork", "--mount-proc",
                            "--root=" + rootfs, "/bin/true"));
            Samples bwrap = timeProcess("bwrap --unshare-all --bind ROOTFS / --proc /proc --dev /dev",
                    List.of("bwrap", "--unshare-all", "--bind", rootfs, "/", "--proc", "/proc", "--dev", "/dev",
                            "/bin/true"));

            out.println("Launch of /bin/true, " + runs + " runs after " + WARM_UP_RUNS + " warm-up runs; "
                    + Runtime.getRuntime().availableProcessors() + " CPUs; kernel " + System.getProperty("os.version"));
            out.println(Samples.header("bwrap"));
            Samples reference = bwrap.count() > 0 ? bwrap : null;
            for (Samples samples : List.of(launch, bantubox, unshare, bwrap)) {
                if (samples.count() > 0) {
                    out.println(samples.row(reference));
                } else {
                    out.println(String.format("%-74s not installed", samples.label()));
                }
            }
        } finally {
            TreeRemover.remove(home);
        }
    }

    /** Times the launch path alone, reusing one set of overlay folders and one plan for every run. */
    private Samples timeLaunchPath(Path home, Image image) throws IOException {
        Samples samples = new Samples("bantubox launch (overlay, all namespaces, pivot_root)");
        Path folder = Files.createDirectories(home.resolve("launch-path"));
        RootFilesystem.Overlay overlay = new RootFilesystem.Overlay(image.rootfs(), folder.resolve("upper"),
                folder.resolve("work"), folder.resolve("merged"));
        for (Path directory : List.of(overlay.upper(), overlay.work(), overlay.merged())) {
            Files.createDirectories(directory);
        }
        LibC libc = NativeLibraries.get().libc();
        int devNull = libc.open("/dev/null", LibC.O_RDONLY | LibC.O_CLOEXEC);
        try {
            LaunchPlan plan = LaunchPlanner.plan(new LaunchRequest(ToggleSet.full(), overlay, "bench", List.of("/bin/true"),
                    List.of("PATH=/bin"), null, new LaunchRequest.Stdio(devNull, devNull, devNull),
                    HostFacts.rootIsRamfs()));
            NativeLauncher launcher = new NativeLauncher();
            for (int i = 0; i < WARM_UP_RUNS + runs; i++) {
                long start = System.nanoTime();
                LaunchedChild child = launcher.start(plan);
                child.go();
                child.awaitExec();
                int exitCode = child.waitFor();
                long duration = System.nanoTime() - start;
                if (exitCode != 0) {
                    throw new IllegalStateException("launch of /bin/true exited with " + exitCode);
                }
                if (i >= WARM_UP_RUNS) {
                    samples.add(duration);
                }
            }
        } catch (CloneFailedException | StepFailedException failure) {
            throw new IllegalStateException("the benchmark launch failed: " + failure.getMessage(), failure);
        } finally {
            libc.close(devNull);
        }
        return samples;
    }

    private Samples timeEngine(Engine engine) {
        Samples samples = new Samples("bantubox container (+ record, cgroups, shim, removal)");
        // Loopback only, as bwrap --unshare-all and unshare --net give: no bridge, veth or lease.
        RunSpec spec = RunSpec.builder().command("/bin/true").network(NetworkMode.NONE).removeOnExit(true).build();
        LaunchRequest.Stdio stdio = LaunchRequest.Stdio.inherit();
        for (int i = 0; i < WARM_UP_RUNS + runs; i++) {
            long start = System.nanoTime();
            int exitCode = engine.run(spec, stdio);
            long duration = System.nanoTime() - start;
            if (exitCode != 0) {
                throw new IllegalStateException("bantubox launch of /bin/true exited with " + exitCode);
            }
            if (i >= WARM_UP_RUNS) {
                samples.add(duration);
            }
        }
        return samples;
    }

    private Samples timeProcess(String label, List<String> command) throws IOException, InterruptedException {
        Samples samples = new Samples(label);
        if (!onPath(command.get(0))) {
            return samples;
        }
        List<String> full = new ArrayList<>(command);
        for (int i = 0; i < WARM_UP_RUNS + runs; i++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean finished = process.waitFor(1, TimeUnit.MINUTES);
            long duration = System.nanoTime() - start;
            if (!finished || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed (exit "
                        + (finished ? process.exitValue() : "none, timed out") + ")");
            }
            if (i >= WARM_UP_RUNS) {
                samples.add(duration);
            }
        }
        return samples;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
