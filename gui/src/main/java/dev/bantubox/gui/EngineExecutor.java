package dev.bantubox.gui;

import dev.bantubox.engine.EngineException;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.Platform;

/**
 * The one thread that calls the engine. Engine calls block (image builds, container runs), so they
 * never run on the FX thread; their results and errors come back to it through Platform.runLater.
 * One thread also keeps runs in the order the learner started them.
 *
 * <p>While a run waits for its command, that thread is busy, so reads of the running container's
 * figures (cgroup usage) go to a second thread, the sampler. It only reads files; it never starts
 * or changes a container.
 */
public final class EngineExecutor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EngineExecutor.class.getName());
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread engineThread = new Thread(task, "bantubox-engine");
        engineThread.setDaemon(true);
        return engineThread;
    });
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread samplerThread = new Thread(task, "bantubox-sampler");
        samplerThread.setDaemon(true);
        return samplerThread;
    });

    /**
     * Runs work on the engine thread, then onResult (or onError, with a sentence for the learner) on
     * the FX thread. what names the work in the log, for example "run lesson 3 experiment 1". Once the
     * app is closing, work is dropped: a result that arrives after close may still submit more.
     */
    public <T> void submit(String what, Callable<T> work, Consumer<T> onResult, Consumer<String> onError) {
        if (thread.isShutdown()) {
            LOG.info(what + ": not started, because the app is closing");
            return;
        }
        thread.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onResult.accept(result));
            } catch (Exception | LinkageError failure) {
                String message = messageFor(what, failure);
                logFailure(LOG, what, message, failure);
                Platform.runLater(() -> onError.accept(message));
            }
        });
    }

    /**
     * Calls read on the sampler thread every period, and hands each value to onSample on
     * the FX thread, until the returned handle is run or read fails. A failing read usually means the
     * container ended between two samples, so it ends the sampling without an error for the learner.
     */
    public <T> Runnable sampleEvery(String what, Duration period, Callable<T> read, Consumer<T> onSample) {
        ScheduledFuture<?>[] future = new ScheduledFuture<?>[1];
        Runnable sample = () -> {
            try {
                T value = read.call();
                Platform.runLater(() -> onSample.accept(value));
            } catch (Exception | LinkageError ended) {
                LOG.log(Level.FINE, what + " stopped: " + ended.getMessage());
                synchronized (future) {
                    future[0].cancel(false);
                }
            }
        };
        synchronized (future) {
            future[0] = sampler.scheduleWithFixedDelay(sample, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
        return () -> future[0].cancel(false);
    }

    /**
     * Logs a failed piece of work. An EngineException or IllegalArgumentException is a sentence about the
     * learner's input or the container, which the window already shows, so it gets one line. Anything
     * else gets its stack trace, because the window's sentence points the learner to it.
     */
    public static void logFailure(Logger log, String what, String message, Throwable failure) {
        if (failure instanceof EngineException || failure instanceof IllegalArgumentException) {
            log.info(what + " failed: " + message);
        } else {
            log.log(Level.WARNING, what + " failed: " + message, failure);
        }
    }

    /**
     * Turns a failure into one sentence for the learner. An EngineException already is one; anything
     * else is a bug or an environment problem, and the log keeps its stack trace.
     */
    public static String messageFor(String what, Throwable failure) {
        if (failure instanceof EngineException || failure instanceof IllegalArgumentException) {
            return capitalise(failure.getMessage()) + ".";
        }
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return capitalise(what) + " failed (" + detail + "); the terminal that started BantuBox shows the details.";
    }

    private static String capitalise(String text) {
        if (text == null || text.isEmpty()) {
            return "The engine failed without a message";
        }
        String trimmed = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        sampler.shutdownNow();
    }
}
