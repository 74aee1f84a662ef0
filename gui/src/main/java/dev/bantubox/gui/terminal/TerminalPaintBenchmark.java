package dev.bantubox.gui.terminal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * Measures the terminal view on the FX thread: the time of one paint of a full 120x40 screen of
 * coloured text, the emulator's parse rate, and the longest FX-thread stall while 20 terminals
 * receive full-screen redraws. The terminals sit behind tabs (one shown) and get a redraw every
 * second, as top -d 1 does, then every 20 ms. Last, all 20 are shown at 60x20 in a grid.
 *
 * <p>A stall is measured by a probe that posts a task to the FX thread every 2 ms: the time from
 * posting to running is how long the thread was busy with other work. Run it with
 * {@code scripts/benchmark-terminal.sh}, which starts Xvfb when there is no display.
 */
public final class TerminalPaintBenchmark {
    private static final int TERMINALS = 20;
    private static final long PROBE_INTERVAL_MILLIS = 2;
    private static final long LOAD_SECONDS = 5;

    private TerminalPaintBenchmark() {
    }

    /** Runs the measurements; the optional argument is the number of full paints to time (default 300). */
    public static void main(String[] args) throws Exception {
        int paints = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        // Each measurement closes its window; without this the toolkit would end with the first.
        Platform.setImplicitExit(false);
        try {
            System.out.println("terminal paint benchmark, " + System.getProperty("java.version") + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs, prism " + System.getProperty("prism.order", "default"));
            measureParse();
            measureFullPaint(paints);
            print("idle: FX-thread stall", probe(TimeUnit.SECONDS.toMillis(LOAD_SECONDS)));
            measureStall("20 behind tabs, redraw every 1 s", false, 1000);
            measureStall("20 behind tabs, redraw every 20 ms", false, 20);
            measureStall("20 shown in a grid (60x20), redraw every 20 ms", true, 20);
        } finally {
            Platform.exit();
        }
    }

    /** Times paint() of every row of a 120x40 screen, once per pulse, so the renderer keeps up. */
    private static void measureFullPaint(int paints) throws Exception {
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            TerminalView view = new TerminalView();
            Stage stage = showInStage(new StackPane(view), view, 120, 40);
            byte[] screen = colouredScreen(120, 40, 0);
            view.feed(screen, 0, screen.length);
            new AnimationTimer() {
                private int warmUp = 60;

                @Override
                public void handle(long now) {
                    view.markAllForRepaint();
                    long start = System.nanoTime();
                    view.paint();
                    long elapsed = System.nanoTime() - start;
                    if (warmUp > 0) {
                        warmUp--;
                    } else {
                        nanos.add(elapsed);
                    }
                    if (nanos.size() >= paints) {
                        stop();
                        stage.close();
                        done.countDown();
                    }
                }
            }.start();
        });
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the full-paint measurement timed out after 120 s");
        }
        print("one full paint, 120x40 cells", nanos);
    }

    /** Times the emulator alone on 1000 full-screen redraws, in MB/s of output. */
    private static void measureParse() {
        TerminalEmulator emulator = new TerminalEmulator(new TerminalScreen(120, 40), reply -> { });
        List<byte[]> frames = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < 1000; i++) {
            frames.add(colouredScreen(120, 40, i));
            bytes += frames.get(i).length;
        }
        for (byte[] frame : frames) {
            emulator.process(frame, 0, frame.length);
        }
        long start = System.nanoTime();
        for (byte[] frame : frames) {
            emulator.process(frame, 0, frame.length);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-58s %.1f MB/s (%d bytes per 120x40 redraw)%n",
                "emulator parse, one thread", bytes / seconds / 1e6, bytes / frames.size());
    }

    private static void measureStall(String title, boolean allShown, long feedIntervalMillis) throws Exception {
        List<TerminalView> views = new ArrayList<>();
        CountDownLatch shown = new CountDownLatch(1);
        List<Stage> stages = new ArrayList<>();
        Platform.runLater(() -> {
            if (allShown) {
                GridPane grid = new GridPane();
                for (int i = 0; i < TERMINALS; i++) {
                    TerminalView view = new TerminalView();
                    view.setPrefSize(60 * view.cellWidth(), 20 * view.cellHeight());
                    grid.add(view, i % 5, i / 5);
                    views.add(view);
                }
                stages.add(showInStage(grid, null, 0, 0));
            } else {
                TabPane tabs = new TabPane();
                for (int i = 0; i < TERMINALS; i++) {
                    TerminalView view = new TerminalView();
                    tabs.getTabs().add(new Tab("container " + i, view));
                    views.add(view);
                }
                stages.add(showInStage(tabs, views.get(0), 120, 40));
            }
            shown.countDown();
        });
        shown.await();
        Thread.sleep(500);

        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < TERMINALS; i++) {
            TerminalView view = views.get(i);
            int seed = i;
            Thread reader = new Thread(() -> feedUntilStopped(view, seed, feedIntervalMillis, running), "pty-reader-" + i);
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        List<Long> delays = probe(TimeUnit.SECONDS.toMillis(LOAD_SECONDS));
        running.set(false);
        for (Thread reader : readers) {
            reader.join();
        }
        Platform.runLater(() -> stages.forEach(Stage::close));
        print(title + ": FX-thread stall", delays);
    }

    /** Feeds a full 120x40 redraw every intervalMillis, as top does with -d. */
    private static void feedUntilStopped(TerminalView view, int seed, long intervalMillis, AtomicBoolean running) {
        int frame = seed;
        while (running.get()) {
            byte[] screen = colouredScreen(120, 40, frame++);
            view.feed(screen, 0, screen.length);
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Posts a task to the FX thread every PROBE_INTERVAL_MILLIS for millis and returns each wait in nanoseconds. */
    private static List<Long> probe(long millis) throws InterruptedException {
        List<Long> delays = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            long posted = System.nanoTime();
            CountDownLatch ran = new CountDownLatch(1);
            Platform.runLater(() -> {
                delays.add(System.nanoTime() - posted);
                ran.countDown();
            });
            ran.await();
            Thread.sleep(PROBE_INTERVAL_MILLIS);
        }
        return delays;
    }

    private static Stage showInStage(javafx.scene.Parent root, TerminalView sized, int columns, int rows) {
        if (sized != null) {
            sized.setPrefSize(columns * sized.cellWidth(), rows * sized.cellHeight());
        }
        Stage stage = new Stage();
        stage.setScene(new Scene(root));
        stage.sizeToScene();
        stage.show();
        return stage;
    }

    /** Returns a redraw of a columns x rows screen: home, then every row in runs of changing colours. */
    private static byte[] colouredScreen(int columns, int rows, int frame) {
        StringBuilder screen = new StringBuilder("\033[H");
        for (int row = 0; row < rows; row++) {
            screen.append("\033[").append(row + 1).append(";1H");
            for (int column = 0; column < columns; column += 10) {
                int colour = (row + column / 10 + frame) % 8;
                screen.append("\033[3").append(colour).append(row % 3 == 0 ? ";1m" : "m");
                screen.append(String.format(Locale.ROOT, "%-10.10s", "r" + row + "c" + column + "f" + frame));
            }
            screen.append("\033[0m");
        }
        return screen.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void print(String title, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println(title + ": no samples");
            return;
        }
        double median = sorted.get(sorted.size() / 2) / 1e6;
        double p99 = sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1e6;
        double max = sorted.get(sorted.size() - 1) / 1e6;
        System.out.printf(Locale.ROOT, "%-58s samples %5d  median %7.3f ms  p99 %7.3f ms  max %7.3f ms%n",
                title, sorted.size(), median, p99, max);
    }
}
