package dev.bantubox.engine.cgroup;

import dev.bantubox.engine.host.MountInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The map from each controller to the cgroup hierarchy that carries it on this host, decided from what is mounted
 * (/proc/self/mountinfo) and where the engine is (/proc/self/cgroup), not from the distribution.
 * A controller that a v1 hierarchy carries cannot be used on v2 at the same time, so v1 wins.
 *
 * <p>The engine creates container cgroups in {@link #hierarchies()}. The host check ({@code bantubox doctor})
 * reports {@link #mountedControllers()}, which come from the same reading and also list the controllers
 * BantuBox does not use and the hierarchies that do not reach the engine's own cgroup.
 */
public final class CgroupLayout {

    /** The ways a host can mount cgroups. */
    public enum Kind {
        /** Only cgroup v2, mounted at /sys/fs/cgroup on most current distributions. */
        UNIFIED,
        /** Only cgroup v1 hierarchies, one per controller or group of controllers. */
        LEGACY,
        /** v1 hierarchies for the controllers, plus a cgroup v2 tree (often /sys/fs/cgroup/unified). */
        HYBRID,
        /** No cgroup file system is mounted, or the kernel has no cgroups. */
        NONE
    }

    /**
     * One controller as this host mounts it, whether BantuBox uses it or not.
     *
     * @param name            the kernel's name for it, for example {@code memory} or {@code hugetlb}
     * @param version         1 when a v1 hierarchy carries it, 2 when the cgroup2 tree does
     * @param engineDirectory the engine's own cgroup directory in that hierarchy, or null when the engine's
     *                        cgroup lies outside what is mounted (as in a container whose runtime mounted only
     *                        the container's own subtree)
     * @param readOnly        true when that hierarchy is mounted read-only
     */
    public record MountedController(String name, int version, Path engineDirectory, boolean readOnly) {
    }

    /**
     * The controllers a v1 hierarchy can carry. A v1 mount's super options list its controllers among plain
     * options (rw, noprefix, name=..., xattr), so only these names count as controllers.
     */
    private static final Set<String> V1_CONTROLLERS = Set.of("cpu", "cpuacct", "cpuset", "memory", "devices",
            "freezer", "net_cls", "net_prio", "blkio", "perf_event", "hugetlb", "pids", "rdma", "misc", "debug");

    private final Kind kind;
    private final List<CgroupHierarchy> hierarchies;
    private final Map<CgroupController, CgroupHierarchy> byController;
    private final List<MountedController> mountedControllers;
    private final Path unifiedMountPoint;

    private CgroupLayout(Kind kind, List<CgroupHierarchy> hierarchies, Map<CgroupController, CgroupHierarchy> byController,
                         List<MountedController> mountedControllers, Path unifiedMountPoint) {
        this.kind = kind;
        this.hierarchies = List.copyOf(hierarchies);
        this.byController = Collections.unmodifiableMap(new EnumMap<>(byController));
        this.mountedControllers = List.copyOf(mountedControllers);
        this.unifiedMountPoint = unifiedMountPoint;
    }

    /** Reads the engine's own mount table and cgroup membership. */
    public static CgroupLayout detect(CgroupFiles files) {
        String membership;
        try {
            membership = Files.readString(Path.of("/proc/self/cgroup"));
        } catch (NoSuchFileException noCgroups) {
            // A kernel built without cgroups has no /proc/self/cgroup, and no cgroup file system to mount.
            membership = "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/cgroup", e);
        }
        return detect(MountInfo.readSelf(), membership, files);
    }

    /**
     * Builds the layout from mount table entries and the text of /proc/PID/cgroup. files reads cgroup.controllers
     * at the root of the cgroup2 mount, and may be null when no cgroup2 file system is mounted.
     */
    public static CgroupLayout detect(List<MountInfo> mounts, String membershipText, CgroupFiles files) {
        List<Membership> memberships = Membership.parseAll(membershipText);
        List<MountedController> mounted = new ArrayList<>();
        List<CgroupHierarchy> hierarchies = new ArrayList<>();
        Map<CgroupController, CgroupHierarchy> byController = new EnumMap<>(CgroupController.class);

        // v1 first: a controller that a v1 hierarchy carries is not available on v2, whatever the mount order.
        Map<String, MountInfo> v1Mounts = v1MountsByController(mounts, memberships);
        v1Mounts.forEach((name, mount) -> mounted.add(new MountedController(name, 1,
                v1Directory(mount, memberships, name).orElse(null), readOnly(mount))));
        for (MountInfo mount : mounts) {
            v1Hierarchy(mount, v1Mounts, memberships).ifPresent(hierarchy -> {
                hierarchies.add(hierarchy);
                hierarchy.controllers().forEach(controller -> byController.put(controller, hierarchy));
            });
        }

        Optional<Membership> v2Membership = memberships.stream().filter(entry -> entry.hierarchyId() == 0).findFirst();
        MountInfo unified = unifiedMount(mounts, v2Membership);
        if (unified != null) {
            Path engineDirectory = v2Membership.flatMap(entry -> directoryOf(unified, entry.path())).orElse(null);
            Path mountPoint = Path.of(unified.mountPoint());
            // The root of the mounted tree lists the controllers the kernel put on v2. The engine's own cgroup
            // may have fewer of them, which the host check reports.
            List<String> offered = wordsOf(files.read(mountPoint.resolve("cgroup.controllers")));
            for (String name : offered) {
                if (!v1Mounts.containsKey(name)) {
                    mounted.add(new MountedController(name, 2, engineDirectory, readOnly(unified)));
                }
            }
            if (engineDirectory != null) {
                CgroupHierarchy hierarchy = new CgroupHierarchy(2, mountPoint,
                        v2Controllers(offered, byController), v2Membership.get().path(), engineDirectory);
                hierarchies.add(hierarchy);
                hierarchy.controllers().forEach(controller -> byController.put(controller, hierarchy));
            }
        }

        Kind kind;
        if (!v1Mounts.isEmpty()) {
            kind = unified != null ? Kind.HYBRID : Kind.LEGACY;
        } else {
            kind = unified != null ? Kind.UNIFIED : Kind.NONE;
        }
        return new CgroupLayout(kind, hierarchies, byController, mounted,
                unified == null ? null : Path.of(unified.mountPoint()));
    }

    /**
     * Returns each controller that a mounted v1 hierarchy carries, with the mount to use for it, in mount
     * order. A hierarchy can be mounted more than once, as a bind mount of a subtree, so the mount that
     * reaches the engine's own cgroup wins, else the first one.
     */
    private static Map<String, MountInfo> v1MountsByController(List<MountInfo> mounts, List<Membership> memberships) {
        Map<String, MountInfo> chosen = new LinkedHashMap<>();
        for (MountInfo mount : mounts) {
            if (!mount.type().equals("cgroup")) {
                continue;
            }
            for (String option : mount.superOptions().split(",")) {
                if (!V1_CONTROLLERS.contains(option)) {
                    continue;
                }
                MountInfo earlier = chosen.get(option);
                if (earlier == null || (v1Directory(earlier, memberships, option).isEmpty()
                        && v1Directory(mount, memberships, option).isPresent())) {
                    chosen.put(option, mount);
                }
            }
        }
        return chosen;
    }

    /** Returns the hierarchy of the engine's controllers for which mount is the chosen one and reaches the engine. */
    private static Optional<CgroupHierarchy> v1Hierarchy(MountInfo mount, Map<String, MountInfo> v1Mounts,
                                                         List<Membership> memberships) {
        Set<CgroupController> carried = EnumSet.noneOf(CgroupController.class);
        for (CgroupController controller : CgroupController.values()) {
            if (mount.equals(v1Mounts.get(controller.v1Name()))
                    && v1Directory(mount, memberships, controller.v1Name()).isPresent()) {
                carried.add(controller);
            }
        }
        if (carried.isEmpty()) {
            return Optional.empty();
        }
        String name = carried.iterator().next().v1Name();
        Membership membership = v1Membership(memberships, name).orElseThrow();
        return Optional.of(new CgroupHierarchy(1, Path.of(mount.mountPoint()), carried, membership.path(),
                v1Directory(mount, memberships, name).orElseThrow()));
    }

    /** Returns the cgroup2 mount that reaches the engine's own cgroup, else the first cgroup2 mount, else null. */
    private static MountInfo unifiedMount(List<MountInfo> mounts, Optional<Membership> v2Membership) {
        MountInfo first = null;
        for (MountInfo mount : mounts) {
            if (!mount.type().equals("cgroup2")) {
                continue;
            }
            if (v2Membership.flatMap(entry -> directoryOf(mount, entry.path())).isPresent()) {
                return mount;
            }
            first = first == null ? mount : first;
        }
        return first;
    }

    /**
     * Returns the engine's controllers the v2 hierarchy carries: those no v1 hierarchy has taken, cpu, memory
     * and pids when its root offers them, and always the core CPU accounting and freezing.
     */
    private static Set<CgroupController> v2Controllers(List<String> offered,
                                                       Map<CgroupController, CgroupHierarchy> byController) {
        Set<CgroupController> carried = EnumSet.noneOf(CgroupController.class);
        for (CgroupController controller : CgroupController.values()) {
            if (!byController.containsKey(controller) && controller.v2Name().map(offered::contains).orElse(true)) {
                carried.add(controller);
            }
        }
        return carried;
    }

    /** Returns the engine's cgroup directory below a v1 mount of controller, when the mount reaches it. */
    private static Optional<Path> v1Directory(MountInfo mount, List<Membership> memberships, String controller) {
        return v1Membership(memberships, controller).flatMap(entry -> directoryOf(mount, entry.path()));
    }

    /** Returns the line of /proc/self/cgroup for the v1 hierarchy that carries controller. */
    private static Optional<Membership> v1Membership(List<Membership> memberships, String controller) {
        return memberships.stream()
                .filter(entry -> entry.hierarchyId() != 0 && entry.controllers().contains(controller))
                .findFirst();
    }

    /**
     * Maps a cgroup path to a directory below the mount. A mount's root field is the cgroup it shows at its
     * mount point (not "/" for a bind mount of a subtree, as container runtimes make), so only cgroups at or
     * below that root are reachable through it. Both are relative to the reader's cgroup namespace.
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
                // A cgroup namespace shows a cgroup outside it as "/..", and no mount inside the namespace reaches it.
                return Optional.empty();
            }
            if (!part.isEmpty()) {
                directory = directory.resolve(part);
            }
        }
        return Optional.of(directory);
    }

    private static boolean readOnly(MountInfo mount) {
        return List.of(mount.options().split(",")).contains("ro");
    }

    private static List<String> wordsOf(String text) {
        return List.of(text.trim().split("\\s+")).stream().filter(word -> !word.isEmpty()).toList();
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Returns this layout when at least one mounted hierarchy reaches the engine's own cgroup, so that the
     * engine can create container cgroups. Throws IllegalStateException otherwise.
     */
    public CgroupLayout requireUsable() {
        if (hierarchies.isEmpty()) {
            throw new IllegalStateException("no cgroup file system is mounted where the engine can see its own"
                    + " cgroup (/proc/self/mountinfo has no usable cgroup or cgroup2 entry); mount cgroup2 at"
                    + " /sys/fs/cgroup, or run without --cpus, --memory and --pids-limit");
        }
        return this;
    }

    /** Returns every hierarchy a container joins: each one that carries a controller, plus the v2 tree when mounted. */
    public List<CgroupHierarchy> hierarchies() {
        return hierarchies;
    }

    /** Returns true when at least one controller BantuBox uses lives on hierarchy. */
    public boolean carriesController(CgroupHierarchy hierarchy) {
        return byController.containsValue(hierarchy);
    }

    /** Returns the hierarchy that carries controller, or empty when this host offers it nowhere. */
    public Optional<CgroupHierarchy> hierarchyOf(CgroupController controller) {
        return Optional.ofNullable(byController.get(controller));
    }

    /** Returns the v2 hierarchy, when one is mounted and reaches the engine's own cgroup. */
    public Optional<CgroupHierarchy> unified() {
        return hierarchies.stream().filter(CgroupHierarchy::isV2).findFirst();
    }

    /** Returns where the cgroup2 tree is mounted, also when it does not reach the engine's own cgroup. */
    public Optional<Path> unifiedMountPoint() {
        return Optional.ofNullable(unifiedMountPoint);
    }

    /**
     * Returns every controller on a mounted hierarchy: the v1 ones in mount order, then the v2 ones in the
     * order the cgroup2 root's cgroup.controllers lists them.
     */
    public List<MountedController> mountedControllers() {
        return mountedControllers;
    }

    /** Finds a controller by its kernel name, when a mounted hierarchy carries it. */
    public Optional<MountedController> mountedController(String name) {
        return mountedControllers.stream().filter(controller -> controller.name().equals(name)).findFirst();
    }

    /** Finds the hierarchy whose mount contains directory. */
    public Optional<CgroupHierarchy> hierarchyContaining(Path directory) {
        return hierarchies.stream().filter(hierarchy -> hierarchy.contains(directory)).findFirst();
    }

    /** Says which layout this is and where each controller lives, in one line for the learner. */
    public String describe() {
        Map<Integer, List<String>> byVersion = new LinkedHashMap<>();
        for (CgroupController controller : CgroupController.values()) {
            CgroupHierarchy hierarchy = byController.get(controller);
            if (hierarchy != null) {
                byVersion.computeIfAbsent(hierarchy.version(), version -> new ArrayList<>()).add(controller.v1Name());
            }
        }
        List<String> parts = new ArrayList<>();
        if (byVersion.containsKey(1)) {
            parts.add("cgroup v1 for " + String.join(", ", byVersion.get(1)));
        }
        unifiedMountPoint().ifPresent(mountPoint -> parts.add("cgroup v2 at " + mountPoint
                + (byVersion.containsKey(2) ? " for " + String.join(", ", byVersion.get(2)) : "")));
        List<String> missing = new ArrayList<>();
        for (CgroupController controller : CgroupController.values()) {
            if (!byController.containsKey(controller)) {
                missing.add(controller.v1Name());
            }
        }
        if (!missing.isEmpty()) {
            parts.add("not available: " + String.join(", ", missing));
        }
        return kind.name().toLowerCase(Locale.ROOT) + " (" + String.join("; ", parts) + ")";
    }

    /** One line of /proc/PID/cgroup: {@code hierarchy-ID:controller-list:cgroup-path} (see cgroups(7)). */
    record Membership(int hierarchyId, Set<String> controllers, String path) {
        static List<Membership> parseAll(String text) {
            List<Membership> entries = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(":", 3);
                if (fields.length != 3) {
                    throw new IllegalArgumentException("unexpected line in /proc/self/cgroup: '" + line + "'");
                }
                Set<String> controllers = fields[1].isEmpty() ? Set.of() : new HashSet<>(List.of(fields[1].split(",")));
                entries.add(new Membership(Integer.parseInt(fields[0]), controllers, fields[2]));
            }
            return entries;
        }
    }
}
