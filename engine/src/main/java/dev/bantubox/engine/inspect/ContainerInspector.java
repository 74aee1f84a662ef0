package dev.bantubox.engine.inspect;

import dev.bantubox.engine.container.RunningContainer;
import dev.bantubox.engine.host.MountInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Takes a {@link ContainerSnapshot} of a running container. The namespaces come from the container's
 * record, read while the child waited before its first step, so even a command that ends at once has
 * them. Processes, mounts and links need the process alive and are read when inspect is called.
 */
public final class ContainerInspector {
    private ContainerInspector() {
    }

    /** Inspects container now; call it right after start(), before waiting for the command. */
    public static ContainerSnapshot inspect(RunningContainer container) {
        NamespaceSnapshot host = NamespaceSnapshot.ofEngine();
        NamespaceSnapshot namespaces = recordedNamespaces(container);
        int pid = container.pid();
        try {
            List<ProcessEntry> processes = ProcessSnapshot.of(pid);
            List<MountInfo> mounts = MountInfo.readOf(pid);
            List<String> cgroups = readCgroups(pid);
            List<NetworkInterface> interfaces = NetworkSnapshot.of(pid);
            return new ContainerSnapshot(host, namespaces, processes, mounts, interfaces, cgroups, null);
        } catch (ProcessGoneException | UncheckedIOException gone) {
            return new ContainerSnapshot(host, namespaces, List.of(), List.of(), List.of(), List.of(),
                    new ProcessGoneException(pid).getMessage());
        }
    }

    private static List<String> readCgroups(int pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "cgroup"));
        } catch (IOException gone) {
            throw new ProcessGoneException(pid);
        }
    }

    private static NamespaceSnapshot recordedNamespaces(RunningContainer container) {
        Map<String, Long> recorded = container.record().namespaces;
        if (recorded != null && !recorded.isEmpty()) {
            return NamespaceSnapshot.fromInodes(container.pid(), recorded);
        }
        return NamespaceSnapshot.of(container.pid());
    }
}
