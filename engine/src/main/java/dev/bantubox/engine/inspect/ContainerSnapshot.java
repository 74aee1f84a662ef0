package dev.bantubox.engine.inspect;

import dev.bantubox.engine.host.MountInfo;

import java.util.List;

/**
 * The facts the engine read about one container while it ran, from which every diagram is drawn.
 *
 * @param host        the engine's own namespaces: the host side
 * @param container   the container's namespaces, read when its first process was cloned
 * @param processes   the container's processes, empty when the command ended before it was looked at
 * @param mounts      the container's mount table, empty when the command had ended
 * @param interfaces  the network links of the container's network namespace, empty when it had ended
 * @param cgroups     the lines of /proc/PID/cgroup (hierarchy:controllers:path), empty when it had ended
 * @param missed      why processes, mounts and links are missing, or null when the process was alive
 */
public record ContainerSnapshot(NamespaceSnapshot host, NamespaceSnapshot container, List<ProcessEntry> processes,
                                List<MountInfo> mounts, List<NetworkInterface> interfaces, List<String> cgroups,
                                String missed) {
    public ContainerSnapshot {
        processes = List.copyOf(processes);
        mounts = List.copyOf(mounts);
        interfaces = List.copyOf(interfaces);
        cgroups = List.copyOf(cgroups);
    }

    /** The mount that is the container's "/" (the last one listed for "/"), or null. */
    public MountInfo rootMount() {
        MountInfo root = null;
        for (MountInfo mount : mounts) {
            if (mount.mountPoint().equals("/")) {
                root = mount;
            }
        }
        return root;
    }
}
