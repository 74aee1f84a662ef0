package dev.bantubox.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the bantubox command in a JVM of its own, as a learner's shell would, with a chosen BANTUBOX_HOME. */
final class CliProcess {
    private CliProcess() {
    }

    /** What one command printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs bantubox with BANTUBOX_HOME set to home and BANTUBOX_NETNS to networkNamespace (a name that
     * {@code ip netns add} made), so bridged containers are wired inside that namespace, not the host's.
     */
    static Result run(Path home, String networkNamespace, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BANTUBOX_HOME", home.toString());
        builder.environment().put("BANTUBOX_NETNS", networkNamespace);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process, true));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process, false));
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bantubox " + String.join(" ", arguments) + " did not finish in 2 minutes");
        }
        return new Result(process.exitValue(), stdout.join(), stderr.join());
    }

    /** Creates a network namespace with a random bbtest- name and returns its name. */
    static String createNetworkNamespace() throws IOException, InterruptedException {
        String name = "bbtest-cli-" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8);
        runTool("ip", "netns", "add", name);
        return name;
    }

    /** Deletes a namespace made by {@link #createNetworkNamespace()}, with everything in it. */
    static void deleteNetworkNamespace(String name) throws IOException, InterruptedException {
        if (name != null) {
            runTool("ip", "netns", "delete", name);
        }
    }

    private static void runTool(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static String readAll(Process process, boolean standardOutput) {
        try {
            byte[] bytes = (standardOutput ? process.getInputStream() : process.getErrorStream()).readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
