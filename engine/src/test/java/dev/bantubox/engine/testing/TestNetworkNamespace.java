package dev.bantubox.engine.testing;

import dev.bantubox.engine.network.NetworkNamespaceThread;
import dev.bantubox.engine.network.NetworkSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace a test made with {@code ip netns add bbtest-RANDOM}. Everything a test puts in
 * it (bridge, veths, addresses, nftables tables) goes away with {@link #close()}.
 */
public final class TestNetworkNamespace implements AutoCloseable {
    private final String name;
    private boolean closed;

    private TestNetworkNamespace(String name) {
        this.name = name;
    }

    /** Creates a namespace with a random name and its loopback up. */
    public static TestNetworkNamespace create() {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        TestNetworkNamespace namespace = new TestNetworkNamespace("bbtest-" + HexFormat.of().formatHex(random));
        run("ip", "netns", "add", namespace.name);
        try {
            namespace.ip("link", "set", "dev", "lo", "up");
        } catch (RuntimeException failure) {
            namespace.close();
            throw failure;
        }
        return namespace;
    }

    public String name() {
        return name;
    }

    public Path path() {
        return NetworkSettings.NAMESPACE_DIRECTORY.resolve(name);
    }

    /** Runs {@code ip -n NAME ARGUMENTS} and returns its output; throws when it fails. */
    public String ip(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(arguments));
        return run(command.toArray(String[]::new));
    }

    /** Runs a program inside the namespace ({@code ip netns exec}); throws when it fails. */
    public String exec(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return run(full.toArray(String[]::new));
    }

    /** Lists the names of the links in the namespace. */
    public List<String> links() {
        List<String> names = new ArrayList<>();
        for (String line : ip("-o", "link", "show").split("\n")) {
            String[] fields = line.split(": ");
            if (fields.length > 1) {
                names.add(fields[1].split("@")[0]);
            }
        }
        return names;
    }

    /** Runs work on a thread inside the namespace (to open sockets there). */
    public <T> T call(Callable<T> work) throws Exception {
        return NetworkNamespaceThread.call(path(), work);
    }

    /** Deletes the namespace; its links and firewall tables go with it. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            run("ip", "netns", "del", name);
        }
    }

    /** Runs a command and returns its output; throws with its error output when it fails. */
    public static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.trim());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
