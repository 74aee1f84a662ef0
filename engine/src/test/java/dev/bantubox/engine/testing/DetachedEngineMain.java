package dev.bantubox.engine.testing;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.RunningContainer;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A long-lived engine in a JVM of its own, as the GUI is one: it starts a detached container, prints its
 * id, and then waits for it forever. Tests kill this JVM with SIGKILL to check that nothing is lost.
 * Arguments: BANTUBOX_HOME COMMAND [ARGUMENT...].
 */
public final class DetachedEngineMain {
    private DetachedEngineMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Engine engine = new Engine(new EngineHome(Path.of(args[0])));
        RunningContainer container = engine.startDetached(
                RunSpec.builder().command(Arrays.asList(args).subList(1, args.length)).build());
        System.out.println(container.id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
