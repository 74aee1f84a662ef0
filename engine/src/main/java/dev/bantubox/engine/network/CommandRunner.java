package dev.bantubox.engine.network;

import dev.bantubox.engine.EngineException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs host programs for the network code and records each one in the container's journal, so the
 * lesson shows the same {@code ip} commands a learner could type.
 */
final class CommandRunner {
    private static final long TIMEOUT_SECONDS = 30;

    /** Where a parent-side step is recorded: {@code LaunchedChild::recordEngineStep}, or nowhere. */
    @FunctionalInterface
    interface StepJournal {
        StepJournal NONE = (call, result, errno, startNanos) -> { };

        void record(String call, long result, String errno, long startNanos);
    }

    private final Map<HostTool, Path> located = new EnumMap<>(HostTool.class);

    /** Runs the command and journals it; the caller decides what a non-zero exit status means. */
    CommandResult run(HostCommand command, StepJournal journal) {
        String call = command.display();
        ProcessBuilder builder = new ProcessBuilder(command.argv(this::locate));
        // ip and nft print strerror() texts; the C locale keeps them in English so errnoName can read them.
        builder.environment().put("LC_ALL", "C");
        long start = System.nanoTime();
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = readAll(process.getInputStream());
            String error = readAll(process.getErrorStream()).trim();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new EngineException("'" + call + "' did not finish within " + TIMEOUT_SECONDS + " s");
            }
            CommandResult result = new CommandResult(call, process.exitValue(), output, error);
            journal.record(call, result.exitCode(), result.succeeded() ? "0" : errnoName(error), start);
            return result;
        } catch (IOException e) {
            throw new EngineException("cannot run '" + call + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while running '" + call + "'", e);
        }
    }

    /** Runs the command and throws an EngineException with its error output when it fails. */
    CommandResult runChecked(HostCommand command, StepJournal journal, String purpose) {
        CommandResult result = run(command, journal);
        if (!result.succeeded()) {
            throw new EngineException("cannot " + purpose + ": '" + result.call() + "' failed with exit status "
                    + result.exitCode() + (result.error().isEmpty() ? "" : ": " + result.error()));
        }
        return result;
    }

    /** Finds a program once and remembers where it is; throws naming the package when it is missing. */
    synchronized Path locate(HostTool tool) {
        return located.computeIfAbsent(tool, missing -> missing.require("set up container networking"));
    }

    /** True when the program is installed. */
    boolean isInstalled(HostTool tool) {
        synchronized (this) {
            if (located.containsKey(tool)) {
                return true;
            }
        }
        return tool.find().isPresent();
    }

    /**
     * Names the errno behind a tool's message ("RTNETLINK answers: File exists" is EEXIST), so the
     * journal reads like the child's own records; "FAILED" when the message names none.
     */
    static String errnoName(String message) {
        if (message.contains("Cannot find device") || message.contains("does not exist")) {
            return "ENODEV";
        }
        for (jnr.constants.platform.Errno errno : jnr.constants.platform.Errno.values()) {
            if (errno.defined() && errno.intValue() > 0 && message.contains(errno.description())) {
                return errno.name();
            }
        }
        return "FAILED";
    }

    private static String readAll(InputStream stream) throws IOException {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }
}
