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

    static Result run(Path home, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BANTUBOX_HOME", home.toString());
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

    private static String readAll(Process process, boolean standardOutput) {
        try {
            byte[] bytes = (standardOutput ? process.getInputStream() : process.getErrorStream()).readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
