package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.container.ContainerRecord;

import javafx.scene.Node;

/**
 * The Terminal tab's content: a shell in a container. "Open a shell" selects the tab and calls
 * {@link #openShell}. The sandbox window makes its pane with a factory that gets the app's engine
 * ({@link SandboxWindow#open(dev.bantubox.gui.AppContext, javafx.stage.Stage, java.util.function.Function)}),
 * and tests can give it another pane. The app's pane is {@link ContainerShellPane}.
 */
public interface TerminalPane {
    /** The node the Terminal tab shows. */
    Node view();

    /** Opens a shell in the running container of record; called on the FX thread. */
    void openShell(ContainerRecord record);

    /** Ends every shell this pane opened; called when the sandbox window closes. */
    void close();
}
