package dev.bantubox.engine.testing;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.RunningContainer;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.network.NetworkSettings;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A long-lived engine in a JVM of its own, as the GUI is one: it starts a detached container, prints its
 * id and the folder its native programs were extracted to, and then waits forever. Tests kill this JVM
 * with SIGKILL to check that nothing is lost, and then delete that folder, which the JVM would have
 * deleted at a normal exit. Arguments: BANTUBOX_HOME NETNS COMMAND [ARGUMENT...], where NETNS is the
 * test's network namespace that holds the bridge.
 */
public final class DetachedEngineMain {
    private DetachedEngineMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Engine engine = new Engine(new EngineHome(Path.of(args[0])), NetworkSettings.defaults().inNamespace(args[1]));
        RunningContainer container = engine.startDetached(
                RunSpec.builder().command(Arrays.asList(args).subList(2, args.length)).build());
        System.out.println(container.id());
        System.out.println(NativeLibraries.get().shimProgram().getParent());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
