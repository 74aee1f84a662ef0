package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.container.ContainerInspection;
import dev.bantubox.engine.inspect.ContainerSnapshot;
import dev.bantubox.engine.inspect.NamespaceSnapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's namespaces, as its inspection read them from /proc/PID/ns/ of its first process, in
 * the forms the diagrams draw.
 */
final class ContainerNamespaces {
    private ContainerNamespaces() {
    }

    /** Returns the namespaces of the inspected container, or null when it was not running. */
    static NamespaceSnapshot of(ContainerInspection inspection) {
        if (!inspection.state.running || inspection.namespaces.isEmpty()) {
            return null;
        }
        Map<String, Long> inodes = new LinkedHashMap<>();
        inspection.namespaces.forEach((type, namespace) -> inodes.put(type, NamespaceSnapshot.parseLink(namespace.inode)));
        return NamespaceSnapshot.fromInodes(inspection.pids.firstProcess, inodes);
    }

    /**
     * Returns the engine and the container side by side, for the namespace diagram, or null when the
     * container was not running. Only the namespaces are filled in: that diagram reads nothing else.
     */
    static ContainerSnapshot snapshotOf(ContainerInspection inspection) {
        NamespaceSnapshot container = of(inspection);
        if (container == null) {
            return null;
        }
        return new ContainerSnapshot(NamespaceSnapshot.ofEngine(), container, List.of(), List.of(), List.of(),
                List.of(), null);
    }
}
