package dev.bantubox.engine.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Facts about the host that change what the launch plan must do. */
public final class HostFacts {
    private HostFacts() {
    }

    /** The file system type of "/" in the engine's mount namespace, from /proc/self/mountinfo. */
    public static String rootFilesystemType() {
        String type = "unknown";
        for (MountInfo mount : MountInfo.readSelf()) {
            if (mount.mountPoint().equals("/")) {
                type = mount.type(); // the last entry for "/" is the one on top
            }
        }
        return type;
    }

    private static volatile Boolean rootIsRamfs;

    /**
     * True when "/" is the initial ramfs, which pivot_root() cannot move. Read once per engine
     * process: the host's root does not change under a running engine.
     */
    public static boolean rootIsRamfs() {
        Boolean cached = rootIsRamfs;
        if (cached == null) {
            String type = rootFilesystemType();
            cached = type.equals("rootfs") || type.equals("ramfs");
            rootIsRamfs = cached;
        }
        return cached;
    }

    /** The host's hostname, as the kernel reports it. */
    public static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the inode of a namespace link such as /proc/self/ns/pid, for example {@code pid:[4026531836]}. */
    public static String namespaceLink(int pid, String type) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/" + (pid == 0 ? "self" : String.valueOf(pid)), "ns", type)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + type + " namespace of pid " + pid, e);
        }
    }

    /** The namespace types that /proc/PID/ns/ lists and the engine can compare. */
    public static final List<String> NAMESPACE_TYPES = List.of("mnt", "uts", "ipc", "pid", "net", "cgroup", "user");
}
