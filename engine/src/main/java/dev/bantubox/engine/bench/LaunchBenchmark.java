package dev.bantubox.engine.bench;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.plan.LaunchRequest;
import dev.bantubox.engine.util.TreeRemover;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times a fully isolated launch of /bin/true in this JVM (prepare the overlay, clone, every step,
 * execve, wait, remove) against unshare(1) and bwrap(1) doing the same namespaces on the same rootfs,
 * started as processes from this JVM. Prints median and p99 of each, with ratios to bwrap.
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
            for (Samples samples : List.of(bantubox, unshare, bwrap)) {
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

    private Samples timeEngine(Engine engine) {
        Samples samples = new Samples("bantubox (in-process: overlay, all namespaces, pivot_root)");
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
