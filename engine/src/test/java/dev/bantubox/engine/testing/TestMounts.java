package dev.bantubox.engine.testing;

import dev.bantubox.engine.kernel.Errno;
import dev.bantubox.engine.kernel.LibC;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.plan.MountFlags;
import dev.bantubox.engine.util.TreeRemover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Mounts a test makes in the host's mount namespace, in a temporary folder of their own: an overlay
 * or a tmpfs to put a BANTUBOX_HOME on. Closing it unmounts them, newest first, and deletes the folder,
 * also when the test failed.
 */
public final class TestMounts implements AutoCloseable {
    private final Path folder;
    private final Deque<Path> mounted = new ArrayDeque<>();

    private TestMounts(Path folder) {
        this.folder = folder;
    }

    public static TestMounts create() {
        if (NativeLibraries.get().libc().geteuid() != 0) {
            throw new IllegalStateException("tests that mount file systems need root: run them with sudo ./run-tests");
        }
        try {
            return new TestMounts(Files.createTempDirectory("bantubox-test-mounts-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mounts a fresh tmpfs on folder/NAME and returns the mount point. */
    public Path tmpfs(String name) {
        Path target = directory(folder.resolve(name));
        mount("tmpfs", target, "tmpfs", 0, "size=256m,mode=0755");
        return target;
    }

    /** Mounts a fresh read-only tmpfs on folder/NAME and returns the mount point. */
    public Path readOnlyTmpfs(String name) {
        Path target = directory(folder.resolve(name));
        mount("tmpfs", target, "tmpfs", MountFlags.MS_RDONLY.bit(), "size=1m,mode=0755");
        return target;
    }

    /**
     * Mounts an overlay on folder/NAME/merged, with its lower, upper and work folders next to it, and
     * returns the mount point.
     */
    public Path overlay(String name) {
        Path base = directory(folder.resolve(name));
        Path lower = directory(base.resolve("lower"));
        Path upper = directory(base.resolve("upper"));
        Path work = directory(base.resolve("work"));
        Path merged = directory(base.resolve("merged"));
        mount("overlay", merged, "overlay", 0, "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work);
        return merged;
    }

    /** Makes a mount point shared, as systemd makes "/", so mounts below it propagate to its peers. */
    public void makeShared(Path mountPoint) {
        call("mount(\"" + mountPoint + "\", MS_SHARED)",
                NativeLibraries.get().libc().mount("", mountPoint.toString(), "", MountFlags.MS_SHARED.bit(), ""));
    }

    private void mount(String source, Path target, String type, long flags, String data) {
        LibC libc = NativeLibraries.get().libc();
        call("mount(" + type + " on " + target + ")", libc.mount(source, target.toString(), type, flags, data));
        mounted.push(target);
    }

    private static void call(String what, int result) {
        if (result != 0) {
            throw new IllegalStateException(what + " failed: " + Errno.name(NativeLibraries.get().lastErrno()));
        }
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        LibC libc = NativeLibraries.get().libc();
        while (!mounted.isEmpty()) {
            Path target = mounted.pop();
            if (libc.umount2(target.toString(), 0) != 0) {
                // Busy (a process of a failed test still has a file open there): detach it instead.
                libc.umount2(target.toString(), (int) MountFlags.MNT_DETACH);
            }
        }
        TreeRemover.remove(folder);
    }
}
