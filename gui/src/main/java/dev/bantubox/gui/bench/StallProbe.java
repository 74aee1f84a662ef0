package dev.bantubox.gui.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import javafx.application.Platform;

/**
 * A thread that measures FX-thread stalls. It posts a task to the FX thread, waits until it ran, sleeps
 * two milliseconds and posts the next. How late a task ran is how long the FX thread was busy with
 * something else. Each task also reports how much of that wait the FX thread and JavaFX's render
 * thread spent on a CPU, and how long the garbage collectors collected.
 *
 * <p>At each post the probe gets a context from its caller, such as the lesson running or the tab
 * shown, and passes it back with the stall. A null context means the stall is not counted.
 *
 * @param <C> what the caller files a stall under
 */
final class StallProbe<C> {
    private static final long INTERVAL_MILLIS = 2;

    /**
     * One probe's figures, in nanoseconds.
     *
     * @param delay     from the post to the task running on the FX thread
     * @param fxCpu     the FX thread's CPU time within the delay
     * @param renderCpu the render thread's CPU time within the delay (0 when it was not found)
     * @param gc        the garbage collectors' time within the delay, at millisecond resolution
     */
    record Stall(long delay, long fxCpu, long renderCpu, long gc) {
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long fxThreadId;
    private final long renderThreadId;
    private final Supplier<C> contextAtPost;
    private final BiConsumer<C, Stall> recorder;
    private final Thread thread;
    private volatile boolean probing = true;

    /**
     * Starts probing. recorder runs on the FX thread with the context contextAtPost gave when the task
     * was posted; fxThreadId comes from the FX thread itself.
     */
    StallProbe(long fxThreadId, Supplier<C> contextAtPost, BiConsumer<C, Stall> recorder) {
        this.fxThreadId = fxThreadId;
        this.renderThreadId = renderThreadId(threads);
        this.contextAtPost = contextAtPost;
        this.recorder = recorder;
        thread = new Thread(this::probe, "fx-stall-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns the CPU time of JavaFX's render thread, which paints each pulse's changes after the FX thread. */
    long renderCpu() {
        return renderThreadId < 0 ? 0 : Math.max(0, threads.getThreadCpuTime(renderThreadId));
    }

    /** Stops probing and waits for the probe thread to end. */
    void stop() throws InterruptedException {
        probing = false;
        thread.join();
    }

    private void probe() {
        while (probing) {
            long posted = System.nanoTime();
            long fxCpuAtPost = threads.getThreadCpuTime(fxThreadId);
            long renderCpuAtPost = renderCpu();
            long gcAtPost = BenchFigures.gcMillis();
            C context = contextAtPost.get();
            CountDownLatch ran = new CountDownLatch(1);
            Platform.runLater(() -> {
                if (context != null) {
                    recorder.accept(context, new Stall(System.nanoTime() - posted,
                            threads.getCurrentThreadCpuTime() - fxCpuAtPost, renderCpu() - renderCpuAtPost,
                            TimeUnit.MILLISECONDS.toNanos(BenchFigures.gcMillis() - gcAtPost)));
                }
                ran.countDown();
            });
            try {
                ran.await();
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Finds JavaFX's render thread (QuantumRenderer-0 in JavaFX 21), or returns -1 when it has none. */
    private static long renderThreadId(ThreadMXBean threads) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("QuantumRenderer")) {
                return info.getThreadId();
            }
        }
        System.err.println("benchmark: no QuantumRenderer thread, so render CPU time is not measured");
        return -1;
    }
}
