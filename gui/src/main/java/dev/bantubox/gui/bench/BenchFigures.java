package dev.bantubox.gui.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Platform;

/**
 * Helpers the app's benchmarks share: the machine facts every report starts with, percentiles of
 * recorded durations, and calls onto the FX thread from the benchmark's own thread.
 */
final class BenchFigures {
    private BenchFigures() {
    }

    /** A piece of work for the FX thread that returns a value or fails. */
    interface FxCall<T> {
        T call() throws Exception;
    }

    /** Returns the milliseconds the JVM's garbage collectors have spent collecting since it started. */
    static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    /** Returns the 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** Returns the first CPU's model name from /proc/cpuinfo. */
    static String cpuModel() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown CPU";
    }

    /**
     * Returns a sorted copy of values, which other threads may still add to while holding its lock.
     * Throws when nothing was recorded, because a figure made of no values would be a made-up one.
     */
    static List<Long> sorted(List<Long> values) {
        List<Long> copy;
        synchronized (values) {
            copy = new ArrayList<>(values);
        }
        if (copy.isEmpty()) {
            throw new IllegalStateException("the benchmark recorded no values: was the window shown?");
        }
        Collections.sort(copy);
        return copy;
    }

    /** Returns the nearest-rank percentile of a sorted list. */
    static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Runs call on the FX thread, waits for it and returns its result, or throws what it threw. */
    static <T> T onFx(FxCall<T> call) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result.set(call.call());
            } catch (Exception e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    /** Checks condition on the FX thread every pollMillis until it holds; throws after timeoutSeconds. */
    static void awaitOnFx(FxCall<Boolean> condition, long timeoutSeconds, long pollMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!onFx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the benchmark timed out after " + timeoutSeconds
                        + " s waiting for the window; see the app's log above for what it was doing");
            }
            Thread.sleep(pollMillis);
        }
    }
}
