package dev.bantubox.engine.inspect;

import dev.bantubox.engine.container.LaunchContext;
import dev.bantubox.engine.container.LaunchHook;
import dev.bantubox.engine.kernel.LaunchedChild;

/**
 * Records the container's namespace inodes in its record while the child waits on the sync pipe.
 * clone() has made the namespaces by then and the child cannot have exited yet, so the record holds
 * them even for a command that ends a moment after execve.
 */
public final class NamespaceRecorder implements LaunchHook {
    @Override
    public void beforeGo(LaunchContext context, LaunchedChild child) {
        long start = System.nanoTime();
        NamespaceSnapshot snapshot = NamespaceSnapshot.of(child.pid());
        context.record().namespaces = snapshot.inodes();
        child.recordEngineStep("readlink(\"/proc/" + child.pid() + "/ns/*\")", snapshot.inodes().size(), "0", start);
    }
}
