package dev.bantubox.engine.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The namespaces of one process, read from the links in {@code /proc/PID/ns/}. Two processes share a
 * namespace exactly when the links carry the same inode number.
 *
 * @param pid    the process, as the engine sees it
 * @param inodes namespace type (mnt, uts, ipc, pid, net, cgroup, user) to inode number; a type this
 *               kernel does not offer is missing
 */
public record NamespaceSnapshot(int pid, Map<String, Long> inodes) {
    /** The namespace types a diagram compares, in the order it draws them. */
    public static final List<String> TYPES = List.of("mnt", "uts", "ipc", "pid", "net", "cgroup", "user");

    private static final Pattern LINK = Pattern.compile("([a-z_]+):\\[(\\d+)]");

    public NamespaceSnapshot {
        inodes = Map.copyOf(inodes);
    }

    /**
     * Reads the namespaces of pid. Throws ProcessGoneException when the process has ended: a zombie
     * has already dropped its namespaces, so its links no longer resolve.
     */
    public static NamespaceSnapshot of(int pid) {
        return read(pid, Path.of("/proc", String.valueOf(pid), "ns"));
    }

    /** Reads the engine's own namespaces: the host side of every comparison. */
    public static NamespaceSnapshot ofEngine() {
        return read((int) ProcessHandle.current().pid(), Path.of("/proc/self/ns"));
    }

    /** Wraps namespace inodes stored earlier, for example in a container's record. */
    public static NamespaceSnapshot fromInodes(int pid, Map<String, Long> inodes) {
        return new NamespaceSnapshot(pid, inodes);
    }

    /** Parses a link target such as {@code pid:[4026531836]} and returns the inode number. */
    public static long parseLink(String target) {
        Matcher matcher = LINK.matcher(target);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + target + "' is not a namespace link such as pid:[4026531836]");
        }
        return Long.parseLong(matcher.group(2));
    }

    /** The inode of one namespace type, or -1 when it was not read. */
    public long inode(String type) {
        return inodes.getOrDefault(type, -1L);
    }

    /** True when both processes are in the same namespace of this type. */
    public boolean shares(NamespaceSnapshot other, String type) {
        long mine = inode(type);
        return mine >= 0 && mine == other.inode(type);
    }

    private static NamespaceSnapshot read(int pid, Path directory) {
        Map<String, Long> inodes = new LinkedHashMap<>();
        for (String type : TYPES) {
            Path link = directory.resolve(type);
            try {
                inodes.put(type, parseLink(Files.readSymbolicLink(link).toString()));
            } catch (IOException e) {
                if (!Files.exists(directory.getParent())) {
                    throw new ProcessGoneException(pid);
                }
                if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    // The link is there but does not resolve: the process has exited and is a zombie.
                    throw new ProcessGoneException(pid);
                }
                // This kernel has no such namespace type; the map simply lacks it.
            }
        }
        return new NamespaceSnapshot(pid, inodes);
    }
}
