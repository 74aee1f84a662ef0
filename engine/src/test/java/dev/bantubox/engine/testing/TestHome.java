package dev.bantubox.engine.testing;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.host.MountInfo;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.network.NetworkSettings;
import dev.bantubox.engine.util.TreeRemover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A temporary BANTUBOX_HOME for engine tests, with the busybox image already in it, and a network
 * namespace of its own that plays the host's part for bridged containers, so no test adds a link to
 * the machine's real network. Closing it kills the processes of containers it started (by their
 * recorded pid), unmounts whatever is still mounted below it, deletes the network namespace with
 * every link in it, and deletes the home, also when the test failed.
 */
public final class TestHome implements AutoCloseable {
    private static final int SIGKILL = 9;
    private static Path sharedImages;

    private final Path root;
    private final TestNetworkNamespace network;
    private final Engine engine;

    private TestHome(Path root) {
        this.root = root;
        this.network = TestNetworkNamespace.create();
        this.engine = new Engine(new EngineHome(root), NetworkSettings.defaults().inNamespace(network.name()));
    }

    /** Creates a home with the busybox image (built once per test JVM and copied in). */
    public static TestHome create() {
        requireRoot();
        try {
            Path root = Files.createTempDirectory("bantubox-test-");
            copyTree(sharedImages(), root.resolve("images"));
            return new TestHome(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a home with the busybox image in a new folder below parent, for tests that need the home
     * on a file system they mounted themselves.
     */
    public static TestHome createIn(Path parent) {
        requireRoot();
        try {
            Path root = Files.createTempDirectory(parent, "bantubox-test-");
            copyTree(sharedImages(), root.resolve("images"));
            return new TestHome(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an empty home: no image in it yet. */
    public static TestHome createEmpty() {
        requireRoot();
        try {
            return new TestHome(Files.createTempDirectory("bantubox-test-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public Engine engine() {
        return engine;
    }

    /** Returns the network namespace that contains this home's bridge and the host ends of its veth pairs. */
    public TestNetworkNamespace network() {
        return network;
    }

    /** The mounts of the engine's own namespace that lie below this home. */
    public List<MountInfo> mountsBelow() {
        List<MountInfo> below = new ArrayList<>();
        for (MountInfo mount : MountInfo.readSelf()) {
            if (mount.mountPoint().startsWith(root.toString())) {
                below.add(mount);
            }
        }
        return below;
    }

    @Override
    public void close() {
        for (ContainerRecord record : engine.containers().list()) {
            try {
                // Kills a running container and waits until its shim has recorded the end.
                engine.remove(record.id, true);
            } catch (RuntimeException failure) {
                System.err.println("TestHome: cannot remove container " + record.id + ": " + failure.getMessage());
            }
        }
        for (ContainerRecord record : engine.containers().list()) {
            if (record.state == ContainerRecord.State.RUNNING && record.pid > 0) {
                NativeLibraries.get().libc().kill(record.pid, SIGKILL);
            }
        }
        List<MountInfo> mounts = mountsBelow();
        mounts.sort(Comparator.comparing((MountInfo mount) -> mount.mountPoint().length()).reversed());
        for (MountInfo mount : mounts) {
            NativeLibraries.get().libc().umount2(mount.mountPoint(), 2 /* MNT_DETACH */);
        }
        try {
            network.close();
        } finally {
            TreeRemover.remove(root);
        }
    }

    private static void requireRoot() {
        if (NativeLibraries.get().libc().geteuid() != 0) {
            throw new IllegalStateException("engine tests create namespaces and mounts, which needs root:"
                    + " run them with sudo ./run-tests");
        }
    }

    private static synchronized Path sharedImages() {
        if (sharedImages == null) {
            try {
                Path home = Files.createTempDirectory("bantubox-test-images-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> TreeRemover.remove(home)));
                new Engine(new EngineHome(home)).images().resolve(ImageStore.DEFAULT_IMAGE);
                sharedImages = home.resolve("images");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sharedImages;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Process copy = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        try {
            if (!copy.waitFor(2, TimeUnit.MINUTES) || copy.exitValue() != 0) {
                throw new IOException("cp -a " + from + " " + to + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
