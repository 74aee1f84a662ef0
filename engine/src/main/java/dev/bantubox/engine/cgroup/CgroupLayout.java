package dev.bantubox.engine.cgroup;

import dev.bantubox.engine.host.MountInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 */
public final class CgroupLayout {

    /** The three ways a host can mount cgroups. */
    public enum Kind {
        /** Only cgroup v2, mounted at /sys/fs/cgroup on most current distributions. */
        UNIFIED,
        /** Only cgroup v1 hierarchies, one per controller or group of controllers. */
        LEGACY,
        /** v1 hierarchies for the controllers, plus a cgroup v2 tree (often /sys/fs/cgroup/unified). */
        HYBRID
    }

    private final Kind kind;
    private final List<CgroupHierarchy> hierarchies;
    private final Map<CgroupController, CgroupHierarchy> byController;

    private CgroupLayout(Kind kind, List<CgroupHierarchy> hierarchies, Map<CgroupController, CgroupHierarchy> byController) {
        this.kind = kind;
        this.hierarchies = List.copyOf(hierarchies);
        this.byController = Collections.unmodifiableMap(new EnumMap<>(byController));
    }

    /** Reads the engine's own mount table and cgroup membership. */
    public static CgroupLayout detect(CgroupFiles files) {
        try {
            return detect(MountInfo.readSelf(), Files.readString(Path.of("/proc/self/cgroup")), files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/cgroup", e);
        }
    }

    /**
     * Builds the layout from mount table entries and the text of /proc/PID/cgroup. Throws
     * IllegalStateException when no cgroup file system is mounted at all.
     */
    public static CgroupLayout detect(List<MountInfo> mounts, String membershipText, CgroupFiles files) {
        List<Membership> memberships = Membership.parseAll(membershipText);
        Map<CgroupController, CgroupHierarchy> byController = new EnumMap<>(CgroupController.class);
        List<CgroupHierarchy> hierarchies = new ArrayList<>();
        boolean v1Mounted = false;
        CgroupHierarchy unified = null;

        // v1 first: a controller that a v1 hierarchy carries is not available on v2, whatever the mount order.
        for (MountInfo mount : mounts) {
            if (mount.type().equals("cgroup")) {
                v1Mounted |= addV1Hierarchy(mount, memberships, byController, hierarchies);
            }
        }
        for (MountInfo mount : mounts) {
            if (mount.type().equals("cgroup2")) {
                unified = unifiedHierarchy(mount, memberships, byController, files);
                if (unified != null) {
                    hierarchies.add(unified);
                    for (CgroupController controller : unified.controllers()) {
                        byController.put(controller, unified);
                    }
                    break;
                }
            }
        }
        if (!v1Mounted && unified == null) {
            throw new IllegalStateException("no cgroup file system is mounted where the engine can see its own"
                    + " cgroup (/proc/self/mountinfo has no usable cgroup or cgroup2 entry); mount cgroup2 at"
                    + " /sys/fs/cgroup, or run without --cpus, --memory and --pids-limit");
        }
        Kind kind = Kind.HYBRID;
        if (!v1Mounted) {
            kind = Kind.UNIFIED;
        } else if (unified == null) {
            kind = Kind.LEGACY;
        }
        return new CgroupLayout(kind, hierarchies, byController);
    }

    /** Adds a v1 mount that carries controllers the engine uses; returns true when it did. */
    private static boolean addV1Hierarchy(MountInfo mount, List<Membership> memberships,
                                          Map<CgroupController, CgroupHierarchy> byController,
                                          List<CgroupHierarchy> hierarchies) {
        Set<String> options = new HashSet<>(List.of(mount.superOptions().split(",")));
        Set<CgroupController> carried = EnumSet.noneOf(CgroupController.class);
        for (String option : options) {
            CgroupController.byV1Name(option).ifPresent(carried::add);
        }
        // The same hierarchy may be mounted more than once (bind mounts); the first usable mount wins.
        carried.removeIf(byController::containsKey);
        if (carried.isEmpty()) {
            return false;
        }
        Optional<Membership> membership = memberships.stream()
                .filter(entry -> entry.hierarchyId() != 0 && entry.controllers().containsAll(
                        carried.stream().map(CgroupController::v1Name).toList()))
                .findFirst();
        Optional<Path> engineDirectory = membership.flatMap(entry -> directoryOf(mount, entry.path()));
        if (engineDirectory.isEmpty()) {
            return false;
        }
        CgroupHierarchy hierarchy = new CgroupHierarchy(1, Path.of(mount.mountPoint()), carried,
                membership.get().path(), engineDirectory.get());
        hierarchies.add(hierarchy);
        for (CgroupController controller : carried) {
            byController.put(controller, hierarchy);
        }
        return true;
    }

    /**
     * The v2 hierarchy with the controllers no v1 hierarchy has taken: cpu, memory and pids when its root
     * offers them, and always the core CPU accounting and freezing.
     */
    private static CgroupHierarchy unifiedHierarchy(MountInfo mount, List<Membership> memberships,
                                                    Map<CgroupController, CgroupHierarchy> byController,
                                                    CgroupFiles files) {
        Optional<Membership> membership = memberships.stream().filter(entry -> entry.hierarchyId() == 0).findFirst();
        Optional<Path> engineDirectory = membership.flatMap(entry -> directoryOf(mount, entry.path()));
        if (engineDirectory.isEmpty()) {
            return null;
        }
        Path mountPoint = Path.of(mount.mountPoint());
        String rootControllers = files.read(mountPoint.resolve("cgroup.controllers")).trim();
        Set<String> offered = new HashSet<>(List.of(rootControllers.split("\\s+")));
        Set<CgroupController> carried = EnumSet.noneOf(CgroupController.class);
        for (CgroupController controller : CgroupController.values()) {
            if (byController.containsKey(controller)) {
                continue;
            }
            if (controller.v2Name().map(offered::contains).orElse(true)) {
                carried.add(controller);
            }
        }
        return new CgroupHierarchy(2, mountPoint, carried, membership.get().path(), engineDirectory.get());
    }

    /**
     * The directory of cgroup path inside a mount whose root is mount.root(): both are relative to the
     * reader's cgroup namespace, so the path must lie below the mount's root to be reachable there.
     */
    private static Optional<Path> directoryOf(MountInfo mount, String cgroupPath) {
        Path root = Path.of(mount.root());
        Path cgroup = Path.of(cgroupPath);
        if (!cgroup.startsWith(root)) {
            return Optional.empty();
        }
        return Optional.of(Path.of(mount.mountPoint()).resolve(root.relativize(cgroup).toString()).normalize());
    }

    public Kind kind() {
        return kind;
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

    /** Returns the v2 hierarchy, when one is mounted. */
    public Optional<CgroupHierarchy> unified() {
        return hierarchies.stream().filter(CgroupHierarchy::isV2).findFirst();
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
        unified().ifPresent(tree -> parts.add("cgroup v2 at " + tree.mountPoint()
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
