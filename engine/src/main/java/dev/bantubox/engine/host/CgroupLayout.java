package dev.bantubox.engine.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The cgroup version of each controller on this host and the engine's own cgroup for it, read from
 * /proc/self/mountinfo (the cgroup and cgroup2 mounts) and /proc/self/cgroup (the engine's cgroup
 * path in each hierarchy).
 *
 * @param kind          v1, v2, hybrid or none
 * @param controllers   every controller that is bound to a mounted hierarchy, v1 ones first in mount order
 * @param unifiedRoot   where the cgroup2 tree is mounted, or null when it is not
 * @param unifiedCgroup the engine's own cgroup directory in that tree, or null when it is not reachable
 */
public record CgroupLayout(Kind kind, List<Controller> controllers, Path unifiedRoot, Path unifiedCgroup) {

    public CgroupLayout {
        controllers = List.copyOf(controllers);
    }

    /** The three layouts systemd also distinguishes, and none for a host with no cgroup mount. */
    public enum Kind {
        /** Every controller is on cgroup v1 hierarchies and no cgroup2 tree is mounted. */
        V1,
        /** One cgroup2 tree contains every controller. */
        V2,
        /** Controllers are on v1 hierarchies, and a cgroup2 tree is mounted beside them. */
        HYBRID,
        /** No cgroup file system is mounted. */
        NONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One controller as the engine would use it.
     *
     * @param name      the controller's name, for example {@code memory}
     * @param version   1 when it is bound to a v1 hierarchy, 2 when it is in the cgroup2 tree
     * @param ownCgroup the engine's own cgroup directory in that hierarchy, or null when the engine's
     *                  cgroup lies outside what is mounted (as in a container that sees only its subtree)
     * @param readOnly  true when the hierarchy is mounted read-only
     */
    public record Controller(String name, int version, Path ownCgroup, boolean readOnly) {
    }

    /**
     * The v1 controllers the kernel can have. A v1 mount's options list its controllers among plain
     * options (rw, noprefix, name=..., xattr), so only these names count as controllers.
     */
    private static final Set<String> V1_CONTROLLERS = Set.of("cpu", "cpuacct", "cpuset", "memory", "devices",
            "freezer", "net_cls", "net_prio", "blkio", "perf_event", "hugetlb", "pids", "rdma", "misc", "debug");

    /** Reads the layout from the engine's own process's view of /proc. */
    public static CgroupLayout readSelf() {
        // A kernel without cgroups has no /proc/self/cgroup; the layout is then "none".
        String ownCgroups = ProcFiles.read(Path.of("/proc/self/cgroup")).orElse("");
        return parse(MountInfo.readSelf(), ownCgroups, ProcFiles::read);
    }

    /**
     * Builds the layout from a mount table and the text of /proc/self/cgroup. readFile returns the text
     * of a cgroup2 interface file such as cgroup.controllers, or empty when it cannot be read.
     */
    public static CgroupLayout parse(List<MountInfo> mounts, String procSelfCgroup,
                                     Function<Path, Optional<String>> readFile) {
        List<String[]> ownLines = new ArrayList<>();
        for (String line : procSelfCgroup.split("\n")) {
            String[] fields = line.split(":", 3);
            if (fields.length == 3) {
                ownLines.add(fields);
            }
        }

        // A v1 hierarchy can be mounted more than once, as a bind mount of a subtree. The mount that
        // reaches the engine's own cgroup is the one to use.
        Map<String, List<MountInfo>> v1Mounts = new LinkedHashMap<>();
        for (MountInfo mount : mounts) {
            if (mount.type().equals("cgroup")) {
                for (String option : mount.superOptions().split(",")) {
                    if (V1_CONTROLLERS.contains(option)) {
                        v1Mounts.computeIfAbsent(option, name -> new ArrayList<>()).add(mount);
                    }
                }
            }
        }
        List<Controller> controllers = new ArrayList<>();
        for (Map.Entry<String, List<MountInfo>> entry : v1Mounts.entrySet()) {
            String ownPath = ownV1Path(ownLines, entry.getKey());
            MountInfo chosen = entry.getValue().get(0);
            Path directory = null;
            for (MountInfo mount : entry.getValue()) {
                Optional<Path> reached = ownPath == null ? Optional.empty() : directoryOf(mount, ownPath);
                if (reached.isPresent()) {
                    chosen = mount;
                    directory = reached.get();
                    break;
                }
            }
            controllers.add(new Controller(entry.getKey(), 1, directory, readOnly(chosen)));
        }

        MountInfo unified = unifiedMount(mounts, ownLines);
        Path unifiedRoot = unified == null ? null : Path.of(unified.mountPoint());
        Path own = null;
        if (unified != null) {
            String ownPath = ownV2Path(ownLines);
            own = ownPath == null ? null : directoryOf(unified, ownPath).orElse(null);
            // The root of the mounted tree lists what the kernel put on v2; the engine's own cgroup may
            // have fewer of them, which the controllers check reports.
            String rootControllers = readFile.apply(unifiedRoot.resolve("cgroup.controllers")).orElse("");
            for (String name : rootControllers.trim().split("\\s+")) {
                if (!name.isEmpty() && !v1Mounts.containsKey(name)) {
                    controllers.add(new Controller(name, 2, own, readOnly(unified)));
                }
            }
        }

        Kind kind;
        if (!v1Mounts.isEmpty()) {
            kind = unified != null ? Kind.HYBRID : Kind.V1;
        } else {
            kind = unified != null ? Kind.V2 : Kind.NONE;
        }
        return new CgroupLayout(kind, controllers, unifiedRoot, own);
    }

    /** Returns the controller with the given name, if it is in a mounted hierarchy. */
    public Optional<Controller> controller(String name) {
        return controllers.stream().filter(controller -> controller.name().equals(name)).findFirst();
    }

    /** Returns the engine's cgroup path in the v1 hierarchy of controller, from the "ID:LIST:PATH" lines. */
    private static String ownV1Path(List<String[]> ownLines, String controller) {
        for (String[] fields : ownLines) {
            if (Arrays.asList(fields[1].split(",")).contains(controller)) {
                return fields[2];
            }
        }
        return null;
    }

    /** Returns the engine's cgroup path in the cgroup2 tree, from the "0::PATH" line. */
    private static String ownV2Path(List<String[]> ownLines) {
        for (String[] fields : ownLines) {
            if (fields[0].equals("0") && fields[1].isEmpty()) {
                return fields[2];
            }
        }
        return null;
    }

    /** Returns the cgroup2 mount that reaches the engine's cgroup, else the first cgroup2 mount. */
    private static MountInfo unifiedMount(List<MountInfo> mounts, List<String[]> ownLines) {
        String ownPath = ownV2Path(ownLines);
        MountInfo first = null;
        for (MountInfo mount : mounts) {
            if (mount.type().equals("cgroup2")) {
                if (ownPath != null && directoryOf(mount, ownPath).isPresent()) {
                    return mount;
                }
                first = first == null ? mount : first;
            }
        }
        return first;
    }

    /**
     * Maps a cgroup path to a directory below the mount. A mount's root field is the cgroup it shows
     * at its mount point (not "/" for a bind mount of a subtree, as container runtimes make), so only
     * cgroups at or below that root are reachable through it.
     */
    static Optional<Path> directoryOf(MountInfo mount, String cgroupPath) {
        String root = mount.root();
        String relative;
        if (root.equals("/")) {
            relative = cgroupPath;
        } else if (cgroupPath.equals(root)) {
            relative = "/";
        } else if (cgroupPath.startsWith(root + "/")) {
            relative = cgroupPath.substring(root.length());
        } else {
            return Optional.empty();
        }
        Path directory = Path.of(mount.mountPoint());
        for (String part : relative.split("/")) {
            if (part.equals("..")) {
                // A cgroup namespace shows cgroups outside it as "/.."; those cannot be reached.
                return Optional.empty();
            }
            if (!part.isEmpty()) {
                directory = directory.resolve(part);
            }
        }
        return Optional.of(directory);
    }

    private static boolean readOnly(MountInfo mount) {
        return Arrays.asList(mount.options().split(",")).contains("ro");
    }
}
