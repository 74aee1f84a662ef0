package dev.bantubox.engine.inspect;

import java.util.List;

/**
 * One process of a container, with its pid in every PID namespace it belongs to.
 *
 * @param hostPid       the pid the host (and the engine) sees
 * @param namespacePids the NSpid line of /proc/PID/status: outermost first, the container's own last
 * @param command       the process name (comm)
 */
public record ProcessEntry(int hostPid, List<Integer> namespacePids, String command) {
    public ProcessEntry {
        namespacePids = List.copyOf(namespacePids);
    }

    /** The pid the process sees for itself: the last NSpid entry. */
    public int containerPid() {
        return namespacePids.isEmpty() ? hostPid : namespacePids.get(namespacePids.size() - 1);
    }
}
