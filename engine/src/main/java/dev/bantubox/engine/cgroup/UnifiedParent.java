package dev.bantubox.engine.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Readies the engine's own cgroup v2 to be the parent of container cgroups that have the cpu, memory
 * and pids controllers.
 *
 * <p>cgroup v2's no-internal-process rule: a cgroup other than the root may enable controllers for
 * its children (in cgroup.subtree_control) only while no process is in it, and the engine is in its
 * own cgroup. So the engine first moves itself into a leaf of its own below that cgroup
 * ({@code bantubox-engine-PID}), then enables the controllers in its former cgroup, and nowhere
 * higher up. When other processes share that cgroup, the kernel returns EBUSY. The engine then moves
 * back, removes its leaf and explains.
 */
final class UnifiedParent {
    /** Parents already readied by this JVM; a second launch only reads subtree_control. */
    private static final Set<Path> READY = new HashSet<>();

    private UnifiedParent() {
    }

    /** Readies hierarchy's container parent for the given v2 controllers; returns at once when there are none. */
    static synchronized void prepare(CgroupFiles files, CgroupHierarchy hierarchy, long enginePid) {
        Set<String> needed = new LinkedHashSet<>();
        for (CgroupController controller : CgroupController.values()) {
            if (hierarchy.controllers().contains(controller)) {
                controller.v2Name().ifPresent(needed::add);
            }
        }
        Path parent = hierarchy.containerParent();
        if (needed.isEmpty() || READY.contains(parent)) {
            return;
        }
        Set<String> enabled = words(files.read(parent.resolve("cgroup.subtree_control")));
        if (enabled.containsAll(needed)) {
            READY.add(parent);
            return;
        }
        Set<String> missing = new LinkedHashSet<>(needed);
        missing.removeAll(words(files.read(parent.resolve("cgroup.controllers"))));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("cgroup v2 controllers " + missing + " are not available in " + parent
                    + " (its cgroup.controllers does not list them), so the cgroup above it does not hand them"
                    + " down; start bantubox in a cgroup that has them, for example with"
                    + " 'systemd-run --scope -p Delegate=yes'");
        }

        // The root cgroup has no cgroup.type and is exempt from the no-internal-process rule.
        boolean root = !files.exists(parent.resolve("cgroup.type"));
        Path engineLeaf = parent.resolve(CgroupHierarchy.ENGINE_LEAF_PREFIX + enginePid);
        boolean moved = false;
        if (!root && processesIn(files, parent).contains(enginePid)) {
            removeStaleEngineLeaves(files, parent);
            files.makeDirectory(engineLeaf);
            files.write(engineLeaf.resolve("cgroup.procs"), String.valueOf(enginePid));
            moved = true;
        }
        StringBuilder enable = new StringBuilder();
        for (String controller : needed) {
            enable.append(enable.isEmpty() ? "" : " ").append('+').append(controller);
        }
        try {
            files.write(parent.resolve("cgroup.subtree_control"), enable.toString());
        } catch (CgroupException refused) {
            List<Long> others = processesIn(files, parent);
            if (moved) {
                files.write(parent.resolve("cgroup.procs"), String.valueOf(enginePid));
                files.removeDirectory(engineLeaf);
            }
            if (refused.errno().equals("EBUSY")) {
                throw new IllegalStateException("cgroup v2 lets a cgroup hand controllers to child cgroups only while"
                        + " no process is in it (the no-internal-process rule), and " + parent + " also contains "
                        + others.size() + " process(es) that are not the engine's " + others + "; start bantubox in"
                        + " a cgroup of its own, for example 'sudo systemd-run --scope -p Delegate=yes ./bantubox ...'",
                        refused);
            }
            throw refused;
        }
        READY.add(parent);
    }

    /** Removes leaves of engines that have ended: they are empty and named by the engine's pattern. */
    private static void removeStaleEngineLeaves(CgroupFiles files, Path parent) {
        for (Path child : files.childDirectories(parent)) {
            if (child.getFileName().toString().startsWith(CgroupHierarchy.ENGINE_LEAF_PREFIX)
                    && processesIn(files, child).isEmpty() && files.childDirectories(child).isEmpty()) {
                try {
                    files.removeDirectory(child);
                } catch (CgroupException busy) {
                    // A process joined it since the listing: it belongs to a running engine, so it stays.
                }
            }
        }
    }

    private static List<Long> processesIn(CgroupFiles files, Path directory) {
        List<Long> pids = new ArrayList<>();
        for (String line : files.read(directory.resolve("cgroup.procs")).split("\n")) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.trim()));
            }
        }
        return pids;
    }

    private static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
