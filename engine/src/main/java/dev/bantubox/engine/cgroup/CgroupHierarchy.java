package dev.bantubox.engine.cgroup;

import java.nio.file.Path;
import java.util.Set;

/**
 * One mounted cgroup hierarchy as the engine finds it: a v1 hierarchy with its controllers, or the v2
 * (unified) hierarchy, and where the engine's own cgroup is in it.
 *
 * @param version         1 or 2
 * @param mountPoint      where the hierarchy is mounted, for example {@code /sys/fs/cgroup/memory}
 * @param controllers     the engine's controllers that this hierarchy carries (on v2 also the core
 *                        features CPU accounting and freezing, when no v1 hierarchy carries them)
 * @param engineCgroup    the engine's own cgroup as /proc/self/cgroup names it, for example
 *                        {@code /process_api/9e0e}
 * @param engineDirectory the engine's own cgroup directory below the mount point
 */
public record CgroupHierarchy(int version, Path mountPoint, Set<CgroupController> controllers, String engineCgroup,
                              Path engineDirectory) {

    /** The name of the v2 leaf the engine moves itself into, so that its own cgroup may have children with controllers. */
    public static final String ENGINE_LEAF_PREFIX = "bantubox-engine-";
    /** The name prefix of every container cgroup; the full container id follows it. */
    public static final String CONTAINER_PREFIX = "bantubox-";

    public CgroupHierarchy {
        controllers = Set.copyOf(controllers);
    }

    public boolean isV2() {
        return version == 2;
    }

    /**
     * Returns the directory that container cgroups are created in: the engine's own cgroup, or, after the
     * engine moved itself into a v2 leaf of its own, the cgroup that leaf is in.
     */
    public Path containerParent() {
        if (isV2() && engineDirectory.getFileName() != null
                && engineDirectory.getFileName().toString().startsWith(ENGINE_LEAF_PREFIX)) {
            return engineDirectory.getParent();
        }
        return engineDirectory;
    }

    /** Returns the directory of one container's cgroup in this hierarchy. */
    public Path containerDirectory(String containerId) {
        return containerParent().resolve(CONTAINER_PREFIX + containerId);
    }

    /** True when path lies in this hierarchy's mount. */
    public boolean contains(Path path) {
        return path.normalize().startsWith(mountPoint);
    }
}
