package dev.bantubox.engine.inspect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads the network links of a process's network namespace with {@code ip -brief address}, run by
 * nsenter(1) inside that namespace. Both come with the host (util-linux and iproute2).
 */
public final class NetworkSnapshot {
    private static final long TIMEOUT_SECONDS = 5;

    private NetworkSnapshot() {
    }

    /** Lists the links of pid's network namespace; throws ProcessGoneException when pid has ended. */
    public static List<NetworkInterface> of(int pid) {
        String output = run("nsenter", "--net=/proc/" + pid + "/ns/net", "ip", "-brief", "address", "show");
        if (output == null) {
            throw new ProcessGoneException(pid);
        }
        return parse(output);
    }

    /** Parses {@code ip -brief address} output: name, state, then the addresses, one link a line. */
    public static List<NetworkInterface> parse(String output) {
        List<NetworkInterface> interfaces = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 2 || fields[0].isEmpty()) {
                continue;
            }
            String name = fields[0];
            int peer = name.indexOf('@');
            if (peer > 0) {
                name = name.substring(0, peer);
            }
            interfaces.add(new NetworkInterface(name, fields[1], Arrays.asList(fields).subList(2, fields.length)));
        }
        return interfaces;
    }

    /** Runs a command and returns its output, or null when it failed (the namespace is gone). */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in "
                        + TIMEOUT_SECONDS + " s");
            }
            return process.exitValue() == 0 ? output : null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + " to list the container's network links ("
                    + e.getMessage() + "); install util-linux and iproute2", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing network links", e);
        }
    }
}
