package dev.bantubox.gui.sandbox;

import dev.bantubox.gui.EngineExecutor;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.Platform;

/**
 * The sandbox window's threads. Lifecycle actions block for long, because a stop waits up to its grace
 * period for SIGTERM to work. So they run on a small pool of their own. Actions on one container run
 * in the order they were given, and actions on different containers run side by side. Reads for the
 * detail tabs (inspect, namespaces, images) go to one reader thread, and the table's sampling to one
 * sampler thread, so that neither waits behind a stop. The lesson window's engine thread is not used.
 * Results come back to the FX thread through Platform.runLater.
 */
public final class SandboxWorkers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SandboxWorkers.class.getName());
    /** Enough for a few stops waiting out their grace period while a create still goes ahead. */
    private static final int ACTION_THREADS = 4;

    private final ExecutorService actions = Executors.newFixedThreadPool(ACTION_THREADS, daemon("bantubox-sandbox-action"));
    private final ExecutorService reader = Executors.newSingleThreadExecutor(daemon("bantubox-sandbox-read"));
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            daemon("bantubox-sandbox-sampler"));
    /** Per container key, the last action queued for it; guarded by itself. */
    private final Map<String, CompletableFuture<Void>> queues = new HashMap<>();

    /**
     * Runs work after every earlier action with the same key (a container id), then onResult or onError
     * (a sentence for the learner) on the FX thread. what names the work in the log, such as "stop web".
     */
    public <T> void act(String what, String key, Callable<T> work, Consumer<T> onResult, Consumer<String> onError) {
        if (actions.isShutdown()) {
            LOG.info(what + ": not started, because the sandbox window is closed");
            return;
        }
        Runnable task = () -> deliver(what, work, onResult, onError);
        synchronized (queues) {
            CompletableFuture<Void> before = queues.getOrDefault(key, CompletableFuture.completedFuture(null));
            // A rejected earlier action (the pool shut down) must not keep this one from being tried.
            CompletableFuture<Void> queued = before.exceptionally(rejected -> null).thenRunAsync(task, actions);
            queues.put(key, queued);
            queued.whenComplete((ignored, failure) -> {
                synchronized (queues) {
                    queues.remove(key, queued);
                }
            });
        }
    }

    /** Runs a read on the reader thread, then onResult or onError on the FX thread. */
    public <T> void read(String what, Callable<T> work, Consumer<T> onResult, Consumer<String> onError) {
        if (!reader.isShutdown()) {
            reader.execute(() -> deliver(what, work, onResult, onError));
        }
    }

    /**
     * Calls sample on the sampler thread now and then every period, and hands the newest result to
     * onSample on the FX thread. A result that arrives while the FX thread has not taken the previous
     * one replaces it, so a busy FX thread gets one update, not a queue of them. A failing sample is
     * logged and the next one tried. Returns the handle that stops the sampling.
     */
    public <T> Runnable sampleEvery(String what, Duration period, Callable<T> sample, Consumer<T> onSample) {
        AtomicReference<T> newest = new AtomicReference<>();
        Runnable task = () -> {
            try {
                T value = sample.call();
                if (newest.getAndSet(value) == null) {
                    Platform.runLater(() -> onSample.accept(newest.getAndSet(null)));
                }
            } catch (Exception | LinkageError failure) {
                LOG.log(Level.WARNING, what + " failed: " + failure.getMessage(), failure);
            }
        };
        ScheduledFuture<?> future = sampler.scheduleAtFixedRate(task, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    /** Runs work once on the sampler thread, between two samples: an extra sample after an action. */
    public void onSampler(Runnable work) {
        if (!sampler.isShutdown()) {
            sampler.execute(work);
        }
    }

    /** Runs a short task on the sampler thread after delayMillis, such as posting a batch of log text. */
    public void later(long delayMillis, Runnable task) {
        if (!sampler.isShutdown()) {
            sampler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Starts a daemon thread for work that blocks for as long as it runs, such as following a log. */
    public Thread startThread(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static <T> void deliver(String what, Callable<T> work, Consumer<T> onResult, Consumer<String> onError) {
        try {
            T result = work.call();
            Platform.runLater(() -> onResult.accept(result));
        } catch (Exception | LinkageError failure) {
            String message = EngineExecutor.messageFor(what, failure);
            EngineExecutor.logFailure(LOG, what, message, failure);
            Platform.runLater(() -> onError.accept(message));
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Stops sampling and reading at once. Actions already queued still run, so a container being
     * removed when the window closes is removed.
     */
    @Override
    public void close() {
        sampler.shutdownNow();
        reader.shutdownNow();
        actions.shutdown();
    }
}
