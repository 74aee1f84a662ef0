package dev.bantubox.gui.bench;

import static dev.bantubox.gui.bench.BenchFigures.awaitOnFx;
import static dev.bantubox.gui.bench.BenchFigures.cpuModel;
import static dev.bantubox.gui.bench.BenchFigures.loadAverage;
import static dev.bantubox.gui.bench.BenchFigures.millis;
import static dev.bantubox.gui.bench.BenchFigures.onFx;
import static dev.bantubox.gui.bench.BenchFigures.percentile;
import static dev.bantubox.gui.bench.BenchFigures.sorted;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.lesson.Lesson;
import dev.bantubox.engine.lesson.LessonLibrary;
import dev.bantubox.engine.util.TreeRemover;
import dev.bantubox.gui.AppContext;
import dev.bantubox.gui.BantuBoxApp;
import dev.bantubox.gui.EngineExecutor;
import dev.bantubox.gui.RenderSettings;
import dev.bantubox.gui.lesson.LessonModel;
import dev.bantubox.gui.lesson.RunState;
import dev.bantubox.gui.progress.ProgressStore;
import dev.bantubox.gui.theme.ThemeManager;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;

/**
 * Measures lesson mode in a real window: the time from pressing Run to the pulse that shows the
 * journal, and the longest time the FX thread was busy while a lesson ran (from pressing Run to the
 * result). Runs every lesson's first experiment once as a first-use round, then ROUNDS times (default
 * 3), on the real engine in a temporary engine home. The first-use round and the opening of each
 * lesson are reported on rows of their own, apart from the figures the targets apply to.
 *
 * <p>Run it as root with {@code scripts/benchmark-lesson-mode.sh}, which starts Xvfb when there is no
 * display.
 */
public final class LessonBenchmark {
    private static final long STALL_TARGET_NANOS = 16_000_000;
    private static final long RUN_TIMEOUT_SECONDS = 60;
    private static final long SETTLE_MILLIS = 300;
    /** How long the window must stay without a pulse and without painting before Run is pressed. */
    private static final long QUIET_MILLIS = 150;
    private static final long QUIET_TIMEOUT_SECONDS = 10;
    /** Render thread CPU time below which a QUIET_MILLIS window counts as painting nothing. */
    private static final long IDLE_RENDER_NANOS = 500_000;

    /** The window's activity when a stall probe is posted. Each phase has its own stall figures. */
    private enum Phase { IDLE, OPENING, RUNNING }

    private final List<Long> runToJournal = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> runToJournalArrival = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> launchSpans = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> beforeLaunch = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> afterExec = Collections.synchronizedList(new ArrayList<>());
    /** Durations of each kind of journal step (clone, mount, execve, ...) over all recorded runs. */
    private final Map<String, List<Long>> stepDurations = new TreeMap<>();
    private final List<Long> fxCpuPerRun = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> renderCpuPerRun = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> layoutPasses = Collections.synchronizedList(new ArrayList<>());
    /** Stalls while a measured round's experiment ran: the figure the 16 ms target applies to. */
    private final StallRecord runStalls = new StallRecord();
    /** Stalls while a measured round opened a lesson, before Run was pressed. */
    private final StallRecord openStalls = new StallRecord();
    /** Stalls while the first-use round's experiments ran. */
    private final StallRecord firstUseStalls = new StallRecord();
    private final List<Long> firstUseRunToJournal = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> fxCpuPerOpen = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong pulses = new AtomicLong();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private volatile long fxThreadId;
    /** The stall probe, which also reads the render thread's CPU time; set before the first run. */
    private volatile StallProbe<StallTarget> probe;
    private volatile Phase phase = Phase.IDLE;
    private volatile boolean recording;
    private volatile String currentLesson = "";
    /** The longest CSS and layout pass while a measured run ran, and its lesson. Touched on the FX thread only. */
    private long longestPass;
    private String longestPassLesson = "";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path home = Files.createTempDirectory("bantubox-bench-");
        try {
            new LessonBenchmark().measure(home, rounds);
        } finally {
            TreeRemover.remove(home);
            Platform.exit();
        }
    }

    private void measure(Path home, int rounds) throws Exception {
        AppContext context = new AppContext(new Engine(new EngineHome(home)), new EngineExecutor(),
                LessonLibrary.load(LessonLibrary.defaultDirectory()), ProgressStore.at(home.resolve("progress.json")),
                new ThemeManager());
        AtomicReference<BantuBoxApp> app = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        // The same rendering settings as the app's launcher.
        RenderSettings.apply();
        Platform.startup(() -> {
            BantuBoxApp window = new BantuBoxApp(() -> context);
            window.start(new Stage());
            app.set(window);
            started.countDown();
        });
        started.await();
        awaitOnFx(() -> !app.get().view().lookup("#image-masker").isVisible(), 600, 5);
        LessonModel model = onFx(() -> app.get().view().model());
        Scene scene = onFx(() -> app.get().view().getScene());
        fxThreadId = onFx(() -> Thread.currentThread().getId());
        timeLayoutPasses(scene);
        String loadAtStart = loadAverage();

        probe = new StallProbe<>(fxThreadId, this::stallTargetNow,
                (target, stall) -> target.record().add(stall.delay(), stall.fxCpu(), stall.renderCpu(), stall.gc(),
                        target.lesson()));
        for (Lesson lesson : model.lessons()) {
            runFirstExperiment(model, scene, lesson);
        }
        recording = true;
        for (int round = 0; round < rounds; round++) {
            for (Lesson lesson : model.lessons()) {
                runFirstExperiment(model, scene, lesson);
            }
        }
        probe.stop();
        report(rounds, model.lessons().size(), home, loadAtStart);
    }

    /** Opens lesson, answers its checkpoint, presses Run and waits for the result. */
    private void runFirstExperiment(LessonModel model, Scene scene, Lesson lesson) throws Exception {
        AtomicLong pressed = new AtomicLong();
        AtomicLong fxCpuAtPress = new AtomicLong();
        AtomicLong renderCpuAtPress = new AtomicLong();
        AtomicLong arrived = new AtomicLong();
        AtomicLong shown = new AtomicLong();
        currentLesson = lesson.folder;
        phase = Phase.OPENING;
        long fxCpuBeforeOpen = threads.getThreadCpuTime(fxThreadId);
        onFx(() -> {
            model.open(lesson);
            model.answer(0);
            return null;
        });
        // A learner reads the lesson before pressing Run, so its text is laid out and painted by then.
        // The stalls of opening it are counted on a row of their own, not in those of the run.
        Thread.sleep(SETTLE_MILLIS);
        awaitQuietWindow();
        if (recording) {
            fxCpuPerOpen.add(threads.getThreadCpuTime(fxThreadId) - fxCpuBeforeOpen);
        }
        onFx(() -> {
            Runnable[] afterPulse = new Runnable[1];
            ListChangeListener<JournalRecord> listener = new ListChangeListener<>() {
                @Override
                public void onChanged(Change<? extends JournalRecord> change) {
                    if (!model.journal().isEmpty() && shown.get() == 0) {
                        arrived.set(System.nanoTime());
                        model.journal().removeListener(this);
                        // The journal is on screen once the next pulse has laid it out.
                        afterPulse[0] = () -> {
                            shown.set(System.nanoTime());
                            scene.removePostLayoutPulseListener(afterPulse[0]);
                        };
                        scene.addPostLayoutPulseListener(afterPulse[0]);
                    }
                }
            };
            model.journal().addListener(listener);
            Button run = (Button) scene.lookup("#run-button");
            fxCpuAtPress.set(threads.getThreadCpuTime(fxThreadId));
            renderCpuAtPress.set(renderCpu());
            phase = Phase.RUNNING;
            pressed.set(System.nanoTime());
            run.fire();
            return null;
        });
        awaitOnFx(() -> !model.runningProperty().get() && model.stateProperty().get() != RunState.RUNNING
                && shown.get() != 0, RUN_TIMEOUT_SECONDS, 5);
        phase = Phase.IDLE;
        long fxCpu = threads.getThreadCpuTime(fxThreadId) - fxCpuAtPress.get();
        long renderCpu = renderCpu() - renderCpuAtPress.get();
        RunState state = onFx(() -> model.stateProperty().get());
        if (state != RunState.PASSED || shown.get() == 0) {
            throw new IllegalStateException(lesson.folder + ": the run ended as " + state + " ("
                    + onFx(() -> model.statusProperty().get()) + ")");
        }
        if (!recording) {
            firstUseRunToJournal.add(shown.get() - pressed.get());
        } else {
            runToJournal.add(shown.get() - pressed.get());
            runToJournalArrival.add(arrived.get() - pressed.get());
            List<JournalRecord> journal = onFx(() -> List.copyOf(model.journal()));
            long first = journal.stream().mapToLong(JournalRecord::startNanos).min().orElseThrow();
            long last = journal.stream().mapToLong(record -> record.startNanos() + record.durationNanos()).max().orElseThrow();
            // The journal's times come from CLOCK_MONOTONIC, the clock System.nanoTime() reads on Linux.
            launchSpans.add(last - first);
            beforeLaunch.add(first - pressed.get());
            afterExec.add(arrived.get() - last);
            for (JournalRecord record : journal) {
                String step = record.call().substring(0, Math.max(0, record.call().indexOf('(')));
                stepDurations.computeIfAbsent(step, key -> new ArrayList<>()).add(record.durationNanos());
            }
            fxCpuPerRun.add(fxCpu);
            renderCpuPerRun.add(renderCpu);
        }
    }

    /**
     * Waits until the window went QUIET_MILLIS without a pulse and with the render thread idle, so
     * the painting of the opened lesson does not hold up the first pulse of the run.
     */
    private void awaitQuietWindow() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(QUIET_TIMEOUT_SECONDS);
        long pulsesBefore = pulses.get();
        long renderBefore = renderCpu();
        while (System.nanoTime() < deadline) {
            Thread.sleep(QUIET_MILLIS);
            long pulsesNow = pulses.get();
            long renderNow = renderCpu();
            if (pulsesNow == pulsesBefore && renderNow - renderBefore < IDLE_RENDER_NANOS) {
                return;
            }
            pulsesBefore = pulsesNow;
            renderBefore = renderNow;
        }
        System.err.println("lesson benchmark: " + currentLesson + " still pulsed or painted " + QUIET_TIMEOUT_SECONDS
                + " s after it opened; pressing Run anyway");
    }

    /** Returns the CPU time of JavaFX's render thread, which paints each pulse's changes after the FX thread. */
    private long renderCpu() {
        return probe.renderCpu();
    }

    /**
     * Records the wall time of every CSS and layout pass (from the pre-layout to the post-layout
     * listener of the same pulse) while a lesson runs.
     */
    private void timeLayoutPasses(Scene scene) throws Exception {
        AtomicLong passStart = new AtomicLong();
        onFx(() -> {
            scene.addPreLayoutPulseListener(() -> passStart.set(System.nanoTime()));
            scene.addPostLayoutPulseListener(() -> {
                pulses.incrementAndGet();
                if (recording && phase == Phase.RUNNING) {
                    long pass = System.nanoTime() - passStart.get();
                    layoutPasses.add(pass);
                    if (pass > longestPass) {
                        longestPass = pass;
                        longestPassLesson = currentLesson;
                    }
                }
            });
            return null;
        });
    }


    /** The stall figures a probe adds to, and the lesson that was running when it was posted. */
    private record StallTarget(StallRecord record, String lesson) {
    }

    /** Returns where a probe posted now files its stall, or null when it is not counted. */
    private StallTarget stallTargetNow() {
        StallRecord record = stallRecordFor(phase, recording);
        return record == null ? null : new StallTarget(record, currentLesson);
    }

    /** Returns the stall figures a probe posted in this phase adds to, or null when it adds to none. */
    private StallRecord stallRecordFor(Phase current, boolean measured) {
        return switch (current) {
            case RUNNING -> measured ? runStalls : firstUseStalls;
            case OPENING -> measured ? openStalls : null;
            case IDLE -> null;
        };
    }

    private void report(int rounds, int lessons, Path home, String loadAtStart) throws Exception {
        List<Long> runs = sorted(runToJournal);
        List<Long> delays = runStalls.sortedDelays();
        List<Long> arrivals = sorted(runToJournalArrival);
        List<Long> spans = sorted(launchSpans);
        System.out.printf(Locale.ROOT, "lesson mode benchmark: %d runs (%d rounds x %d lessons' first experiment,"
                + " after a first-use round), %d cores, %s, load average %s at the start and %s at the end,"
                + " engine home in %s%n", runs.size(), rounds, lessons, Runtime.getRuntime().availableProcessors(),
                cpuModel(), loadAtStart, loadAverage(), home.getParent());
        System.out.printf(Locale.ROOT, "Run pressed -> journal shown: median %.1f ms, p95 %.1f ms, max %.1f ms"
                + " (target < 100 ms)%n", millis(percentile(runs, 50)), millis(percentile(runs, 95)),
                millis(runs.get(runs.size() - 1)));
        System.out.printf(Locale.ROOT, "  medians: press to the journal's first step %.1f ms, the launch itself (first"
                + " step to execve) %.1f ms, execve to the journal on the FX thread %.1f ms, press to the journal on the"
                + " FX thread %.1f ms%n", millis(percentile(sorted(beforeLaunch), 50)), millis(percentile(spans, 50)),
                millis(percentile(sorted(afterExec), 50)), millis(percentile(arrivals, 50)));
        System.out.printf(Locale.ROOT, "FX thread stall while lessons ran: longest %.1f ms (in %s), p99 %.1f ms over %d"
                + " probes (target < 16 ms)%n", millis(delays.get(delays.size() - 1)), runStalls.longestLesson(),
                millis(percentile(delays, 99)), delays.size());
        System.out.println("  slowest launch steps by median: " + slowestSteps(4));
        List<Long> cpu = sorted(fxCpuPerRun);
        List<Long> renderCpu = sorted(renderCpuPerRun);
        List<Long> passes = sorted(layoutPasses);
        System.out.printf(Locale.ROOT, "  FX thread CPU time per run: median %.1f ms, max %.1f ms; render thread: median"
                + " %.1f ms, max %.1f ms; CSS and layout pass: median %.1f ms, longest %.1f ms (in %s) over %d passes%n",
                millis(percentile(cpu, 50)), millis(cpu.get(cpu.size() - 1)), millis(percentile(renderCpu, 50)),
                millis(renderCpu.get(renderCpu.size() - 1)), millis(percentile(passes, 50)),
                millis(passes.get(passes.size() - 1)), onFx(() -> longestPassLesson), passes.size());
        System.out.println("  " + runStalls.longStalls());
        List<Long> firstRuns = sorted(firstUseRunToJournal);
        List<Long> firstDelays = firstUseStalls.sortedDelays();
        System.out.printf(Locale.ROOT, "first use (each lesson's first run after start, not in the figures above): Run"
                + " pressed -> journal shown median %.1f ms, max %.1f ms; FX thread stall longest %.1f ms (in %s)%n",
                millis(percentile(firstRuns, 50)), millis(firstRuns.get(firstRuns.size() - 1)),
                millis(firstDelays.get(firstDelays.size() - 1)), firstUseStalls.longestLesson());
        List<Long> openDelays = openStalls.sortedDelays();
        List<Long> openCpu = sorted(fxCpuPerOpen);
        System.out.printf(Locale.ROOT, "opening a lesson (before Run is pressed, not in the figures above): FX thread"
                + " stall longest %.1f ms (in %s), p99 %.1f ms over %d probes; FX thread CPU time per open: median"
                + " %.1f ms, max %.1f ms%n", millis(openDelays.get(openDelays.size() - 1)), openStalls.longestLesson(),
                millis(percentile(openDelays, 99)), openDelays.size(), millis(percentile(openCpu, 50)),
                millis(openCpu.get(openCpu.size() - 1)));
    }

    private String slowestSteps(int count) {
        List<Map.Entry<String, Long>> medians = new ArrayList<>();
        for (Map.Entry<String, List<Long>> step : stepDurations.entrySet()) {
            medians.add(Map.entry(step.getKey(), percentile(sorted(step.getValue()), 50)));
        }
        medians.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> step : medians.subList(0, Math.min(count, medians.size()))) {
            text.append(text.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.1f ms", step.getKey(), millis(step.getValue())));
        }
        return text.toString();
    }

    /**
     * The stall figures of one phase: the delays of its probes and the lesson of the longest. For each
     * stall over the target it also keeps the shares the FX thread and the render thread spent on a CPU,
     * and the share the garbage collectors spent collecting.
     */
    private static final class StallRecord {
        private final List<Long> delays = new ArrayList<>();
        private final List<Double> longStallFxShares = new ArrayList<>();
        private final List<Double> longStallRenderShares = new ArrayList<>();
        private final List<Double> longStallGcShares = new ArrayList<>();
        private long longest = -1;
        private String longestLesson = "";

        synchronized void add(long delay, long fxCpu, long renderCpu, long gc, String lesson) {
            delays.add(delay);
            if (delay > STALL_TARGET_NANOS) {
                longStallFxShares.add(Math.min(1.0, (double) fxCpu / delay));
                longStallRenderShares.add(Math.min(1.0, (double) renderCpu / delay));
                longStallGcShares.add(Math.min(1.0, (double) gc / delay));
            }
            if (delay > longest) {
                longest = delay;
                longestLesson = lesson;
            }
        }

        /**
         * Describes the stalls over the target: how many, and for how much of them the FX thread and the
         * render thread ran on a CPU and the garbage collectors collected. For the rest of a stall the
         * threads waited for a free core. The collectors' time has millisecond resolution.
         */
        synchronized String longStalls() {
            if (longStallFxShares.isEmpty()) {
                return "no stall over 16 ms";
            }
            return String.format(Locale.ROOT, "%d stalls over 16 ms; median shares of such a stall: FX thread on a CPU"
                    + " %.0f %%, render thread on a CPU %.0f %%, garbage collection %.0f %%", longStallFxShares.size(),
                    100 * median(longStallFxShares), 100 * median(longStallRenderShares), 100 * median(longStallGcShares));
        }

        private static double median(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get((sorted.size() - 1) / 2);
        }

        synchronized List<Long> sortedDelays() {
            List<Long> copy = new ArrayList<>(delays);
            Collections.sort(copy);
            if (copy.isEmpty()) {
                copy.add(0L);
            }
            return copy;
        }

        synchronized String longestLesson() {
            return longestLesson;
        }
    }
}
