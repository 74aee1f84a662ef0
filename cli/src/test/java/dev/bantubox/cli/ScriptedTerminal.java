package dev.bantubox.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the bantubox command on a terminal of its own, as a learner's terminal emulator would: util-linux
 * {@code script} opens a pseudo-terminal, runs the command on it, copies what the test types to it and
 * what the command prints back.
 */
final class ScriptedTerminal implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();

    private ScriptedTerminal(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> copy(process.getInputStream()), "scripted-terminal-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts bantubox with arguments on a new terminal, with BANTUBOX_HOME and BANTUBOX_NETNS as CliProcess sets them. */
    static ScriptedTerminal start(Path home, String networkNamespace, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(arguments));
        String commandLine = command.stream().map(ScriptedTerminal::quote).collect(Collectors.joining(" "));
        // -e: exit with the command's status; --echo never: the test's typing is not echoed twice.
        ProcessBuilder builder = new ProcessBuilder("script", "--quiet", "--return", "--echo", "never",
                "--command", commandLine, "/dev/null");
        builder.environment().put("BANTUBOX_HOME", home.toString());
        builder.environment().put("BANTUBOX_NETNS", networkNamespace);
        builder.redirectErrorStream(true);
        return new ScriptedTerminal(builder.start());
    }

    void type(String keys) throws IOException {
        process.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    String output() {
        synchronized (collected) {
            return collected.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until the terminal shows expected; fails with what it shows after 30 seconds. */
    void await(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!output().contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal did not show " + expected.strip() + " in " + TIMEOUT.toSeconds()
                        + " s; it shows:\n" + output());
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the command to end and returns its exit status. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("bantubox did not end in " + TIMEOUT.toSeconds() + " s; the terminal shows:\n"
                    + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[4096];
        try {
            int count;
            while ((count = in.read(buffer)) >= 0) {
                synchronized (collected) {
                    collected.write(buffer, 0, count);
                }
            }
        } catch (IOException ended) {
            // script has exited.
        }
    }

    private static String quote(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }
}
