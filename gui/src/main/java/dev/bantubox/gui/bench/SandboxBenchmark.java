package dev.bantubox.gui.bench;

import static dev.bantubox.gui.bench.BenchFigures.awaitOnFx;
import static dev.bantubox.gui.bench.BenchFigures.cpuModel;
import static dev.bantubox.gui.bench.BenchFigures.gcMillis;
import static dev.bantubox.gui.bench.BenchFigures.loadAverage;
import static dev.bantubox.gui.bench.BenchFigures.millis;
import static dev.bantubox.gui.bench.BenchFigures.onFx;
import static dev.bantubox.gui.bench.BenchFigures.percentile;
import static dev.bantubox.gui.bench.BenchFigures.sorted;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.lesson.LessonLibrary;
import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.util.TreeRemover;
import dev.bantubox.gui.AppContext;
import dev.bantubox.gui.EngineExecutor;
import dev.bantubox.gui.RenderSettings;
import dev.bantubox.gui.progress.ProgressStore;
import dev.bantubox.gui.sandbox.ContainerRow;
import dev.bantubox.gui.sandbox.ContainerShellPane;
import dev.bantubox.gui.sandbox.SandboxModel;
import dev.bantubox.gui.sandbox.SandboxWindow;
import dev.bantubox.gui.terminal.TerminalView;
import dev.bantubox.gui.theme.ThemeManager;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * Measures the sandbox window with CONTAINERS running containers (default 20) for SECONDS seconds
 * (default 30) after a warm-up. It prints the longest time the FX thread was busy (by tasks posted to
 * it every 2 ms) and the period between two table updates as the FX thread saw them. It also prints
 * the FX thread's CPU time per second, the CSS and layout passes, and the cost of one sample on the
 * sampler thread. For each stall over 16 ms it prints how much of it the FX and render threads spent
 * on a CPU. The first container is selected, and the measurement falls into thirds: its Stats tab, its
 * Logs tab, and its Terminal tab with busybox {@code top} redrawing once a second, typed in as keys.
 * Each container runs a shell loop that prints a line and starts sleep once a second, so its figures
 * and log move.
 *
 * <p>Run it as root with {@code scripts/benchmark-sandbox.sh}, which starts Xvfb when there is no
 * display. The containers have no network (loopback only), so the benchmark adds no link anywhere.
 */
public final class SandboxBenchmark {
    private static final long WARM_UP_SECONDS = 5;
    private static final long START_TIMEOUT_SECONDS = 120;
    /** How long after "Open a shell" counts as opening it: the tab's first show and the shell's start. */
    private static final long SHELL_OPENING_MILLIS = 1000;
    private static final String[] PHASES = {"Stats tab", "Logs tab", "opening the shell (first second)",
        "Terminal with top"};

    private final List<Long> probeDelays = Collections.synchronizedList(new ArrayList<>());
    /** The FX thread's CPU time within each probe delay: the part of a stall it spent working. */
    private final List<Long> probeBusy = Collections.synchronizedList(new ArrayList<>());
    /**
     * Each probe delay over 16 ms: its length, the FX thread's and the render thread's CPU time within it
     * (in nanoseconds), and when it ended, in milliseconds since recording began.
     */
    private final List<long[]> longStalls = Collections.synchronizedList(new ArrayList<>());
    private volatile long recordingStart;
    private final List<Long> updatePeriods = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> layoutPasses = Collections.synchronizedList(new ArrayList<>());
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private volatile boolean recording;
    /** The part of the window shown now, as an index into PHASES. */
    private volatile int phase;
    /** The maximum probe delay seen in each phase, in nanoseconds. Access is synchronized on the array. */
    private final long[] longestPerPhase = new long[PHASES.length];
    private volatile long fxThreadId;

    public static void main(String[] args) throws Exception {
        int containers = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path home = Files.createTempDirectory("bantubox-bench-sandbox-");
        Engine engine = new Engine(new EngineHome(home));
        try {
            new SandboxBenchmark().measure(engine, home, containers, seconds);
        } finally {
            for (ContainerRecord record : engine.list(true)) {
                try {
                    engine.remove(record.id, true);
                } catch (RuntimeException failure) {
                    System.err.println("sandbox benchmark: cannot remove container " + record.shortId() + ": "
                            + failure.getMessage());
                }
            }
            TreeRemover.remove(home);
            Platform.exit();
        }
    }

    private void measure(Engine engine, Path home, int containers, int seconds) throws Exception {
        long startedAt = System.nanoTime();
        for (int i = 0; i < containers; i++) {
            engine.startDetached(RunSpec.builder().name("bench-" + i).network(NetworkMode.NONE).init(true)
                    .command("sh", "-c", "while true; do echo tick; sleep 1; done").build());
        }
        double startSeconds = (System.nanoTime() - startedAt) / 1e9;
        AppContext context = new AppContext(engine, new EngineExecutor(),
                LessonLibrary.load(LessonLibrary.defaultDirectory()), ProgressStore.at(home.resolve("progress.json")),
                new ThemeManager());
        AtomicReference<SandboxWindow> window = new AtomicReference<>();
        CountDownLatch opened = new CountDownLatch(1);
        // The app's launcher sets these before the toolkit starts; the window is measured as learners get it.
        RenderSettings.apply();
        Platform.startup(() -> {
            window.set(SandboxWindow.open(context, new Stage()));
            opened.countDown();
        });
        opened.await();
        SandboxModel model = window.get().model();
        awaitOnFx(() -> model.rows().size() == containers
                && model.rows().stream().allMatch(row -> row.runningProperty().get()), START_TIMEOUT_SECONDS, 50);
        fxThreadId = onFx(() -> Thread.currentThread().getId());
        Scene scene = onFx(() -> window.get().stage().getScene());
        TabPane tabs = onFx(() -> (TabPane) scene.lookup("#container-details"));
        onFx(() -> {
            ContainerRow first = model.rows().get(0);
            model.selectedProperty().set(first);
            tabs.getSelectionModel().select(tab(tabs, "tab-stats"));
            return null;
        });
        timeUpdates(model);
        timeLayoutPasses(scene);
        StallProbe<Integer> probe = new StallProbe<>(fxThreadId, () -> recording ? phase : null, this::recordStall);

        Thread.sleep(TimeUnit.SECONDS.toMillis(WARM_UP_SECONDS));
        long cpuBefore = threads.getThreadCpuTime(fxThreadId);
        long wallBefore = System.nanoTime();
        long gcBefore = gcMillis();
        recordingStart = System.nanoTime();
        recording = true;
        long phaseMillis = TimeUnit.SECONDS.toMillis(seconds) / 3;
        Thread.sleep(phaseMillis);
        phase = 1;
        onFx(() -> {
            tabs.getSelectionModel().select(tab(tabs, "tab-logs"));
            return null;
        });
        Thread.sleep(phaseMillis);
        ContainerShellPane shell = (ContainerShellPane) window.get().view().details().terminalPane();
        long shellOpened = System.nanoTime();
        phase = 2;
        onFx(() -> {
            model.openShell(model.rows().get(0));
            return null;
        });
        awaitOnFx(() -> shell.terminal().screenText().contains("#"), START_TIMEOUT_SECONDS, 50);
        onFx(() -> {
            typeInto(shell.terminal(), "top -d 1");
            return null;
        });
        Thread.sleep(Math.max(0, SHELL_OPENING_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - shellOpened)));
        phase = 3;
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds) - 2 * phaseMillis - SHELL_OPENING_MILLIS);
        recording = false;
        long cpu = threads.getThreadCpuTime(fxThreadId) - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        long gc = gcMillis() - gcBefore;
        probe.stop();
        List<Long> sampleCosts = sampleCosts(engine, 10);
        report(containers, seconds, startSeconds, cpu, wall, sampleCosts);
        System.out.printf(Locale.ROOT, "  garbage collection during the measurement: %d ms in all; the Stats tab was"
                + " shown first, the Logs tab from %d ms, and the Terminal tab running busybox top (one screen a"
                + " second) from %d ms%n", gc, phaseMillis, 2 * phaseMillis);
        StringBuilder stalls = new StringBuilder();
        synchronized (longStalls) {
            for (long[] stall : longStalls) {
                stalls.append(String.format(Locale.ROOT, " %.1f ms (FX thread on CPU %.1f ms, render thread %.1f ms)"
                        + " at %d ms;", millis(stall[0]), millis(stall[1]), millis(stall[2]), stall[3]));
            }
        }
        List<Long> busy = sorted(probeBusy);
        System.out.printf(Locale.ROOT, "  the FX thread's own CPU time within one probe delay: longest %.1f ms, p99"
                + " %.1f ms (the rest of a stall is time it waited for a core)%n", millis(busy.get(busy.size() - 1)),
                millis(percentile(busy, 99)));
        StringBuilder phases = new StringBuilder();
        synchronized (longestPerPhase) {
            for (int i = 0; i < PHASES.length; i++) {
                phases.append(String.format(Locale.ROOT, "%s %s %.1f ms", i == 0 ? "" : ";", PHASES[i],
                        millis(longestPerPhase[i])));
            }
        }
        System.out.println("  longest stall by what the window showed:" + phases);
        System.out.println("  stalls over 16 ms:" + (stalls.length() == 0 ? " none" : stalls));
    }

    /** Types line and Enter into the terminal as key events, the way a learner's keyboard reaches it. */
    private static void typeInto(TerminalView terminal, String line) {
        for (int i = 0; i < line.length(); i++) {
            terminal.fireEvent(new KeyEvent(KeyEvent.KEY_TYPED, line.substring(i, i + 1), "", KeyCode.UNDEFINED,
                    false, false, false, false));
        }
        terminal.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
    }

    private static Tab tab(TabPane tabs, String id) {
        return tabs.getTabs().stream().filter(tab -> id.equals(tab.getId())).findFirst().orElseThrow();
    }

    /** Records the time between two table updates, taken on the FX thread as each update is shown. */
    private void timeUpdates(SandboxModel model) throws Exception {
        AtomicLong last = new AtomicLong();
        onFx(() -> {
            model.samplesAppliedProperty().addListener((property, before, after) -> {
                long now = System.nanoTime();
                long previous = last.getAndSet(now);
                if (recording && previous != 0) {
                    updatePeriods.add(now - previous);
                }
            });
            return null;
        });
    }

    /** Records the wall time of every CSS and layout pass, from the pre- to the post-layout listener. */
    private void timeLayoutPasses(Scene scene) throws Exception {
        AtomicLong passStart = new AtomicLong();
        onFx(() -> {
            scene.addPreLayoutPulseListener(() -> passStart.set(System.nanoTime()));
            scene.addPostLayoutPulseListener(() -> {
                if (recording) {
                    layoutPasses.add(System.nanoTime() - passStart.get());
                }
            });
            return null;
        });
    }

    /** Files one probe's stall under the phase that was shown when the probe was posted; runs on the FX thread. */
    private void recordStall(int shownPhase, StallProbe.Stall stall) {
        probeDelays.add(stall.delay());
        probeBusy.add(stall.fxCpu());
        synchronized (longestPerPhase) {
            longestPerPhase[shownPhase] = Math.max(longestPerPhase[shownPhase], stall.delay());
        }
        if (stall.delay() > TimeUnit.MILLISECONDS.toNanos(16)) {
            longStalls.add(new long[] {stall.delay(), stall.fxCpu(), stall.renderCpu(),
                (System.nanoTime() - recordingStart) / 1_000_000});
        }
    }

    /** Times the work of one table sample, as the sampler thread does it: list every container, read each one's cgroups. */
    private static List<Long> sampleCosts(Engine engine, int rounds) {
        List<Long> costs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (ContainerRecord record : engine.list(true)) {
                if (record.state == ContainerRecord.State.RUNNING) {
                    engine.usage(record);
                }
            }
            costs.add(System.nanoTime() - start);
        }
        Collections.sort(costs);
        return costs;
    }

    private void report(int containers, int seconds, double startSeconds, long fxCpuNanos, long wallNanos,
                        List<Long> sampleCosts) throws IOException {
        List<Long> delays = sorted(probeDelays);
        List<Long> periods = sorted(updatePeriods);
        List<Long> passes = sorted(layoutPasses);
        System.out.printf(Locale.ROOT, "sandbox benchmark: %d running containers, %d s measured after %d s warm-up,"
                + " %d cores, %s, load average %s%n", containers, seconds, WARM_UP_SECONDS,
                Runtime.getRuntime().availableProcessors(), cpuModel(), loadAverage());
        System.out.printf(Locale.ROOT, "  (starting the %d containers took %.1f s)%n", containers, startSeconds);
        System.out.printf(Locale.ROOT, "table update period seen on the FX thread: median %.0f ms, min %.0f ms,"
                + " max %.0f ms over %d updates (target: every 1000 ms)%n", millis(percentile(periods, 50)),
                millis(periods.get(0)), millis(periods.get(periods.size() - 1)), periods.size());
        System.out.printf(Locale.ROOT, "FX thread stall: longest %.1f ms, p99 %.1f ms, median %.2f ms over %d probes"
                + " (target < 16 ms)%n", millis(delays.get(delays.size() - 1)), millis(percentile(delays, 99)),
                millis(percentile(delays, 50)), delays.size());
        System.out.printf(Locale.ROOT, "  FX thread CPU time: %.1f ms per second; CSS and layout pass: median %.2f ms,"
                + " longest %.1f ms over %d passes%n", fxCpuNanos / 1e6 / (wallNanos / 1e9),
                millis(percentile(passes, 50)), millis(passes.get(passes.size() - 1)), passes.size());
        System.out.printf(Locale.ROOT, "  one sample on the sampler thread (list %d containers, read each one's"
                + " cgroups): median %.1f ms, max %.1f ms over %d samples%n", containers,
                millis(percentile(sampleCosts, 50)), millis(sampleCosts.get(sampleCosts.size() - 1)), sampleCosts.size());
    }
}
