package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.Engine;
import dev.bantubox.gui.AppContext;

import java.util.function.Function;

import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The sandbox window: free-run containers with any image, command, toggles and limits, their live
 * figures, and the tabs about one or two of them. It samples while it is open; closing it stops the
 * sampling and the log follow, and leaves the containers running.
 */
public final class SandboxWindow {
    private static final double PREFERRED_WIDTH = 1400;
    private static final double PREFERRED_HEIGHT = 900;
    private static final String STYLESHEET = "/dev/bantubox/gui/sandbox.css";

    private final AppContext context;
    private final Stage stage;
    private final SandboxModel model;
    private final SandboxView view;

    private SandboxWindow(AppContext context, Stage stage, Function<Engine, TerminalPane> terminals) {
        this.context = context;
        this.stage = stage;
        this.model = new SandboxModel(context.engine(), new SandboxWorkers());
        this.view = new SandboxView(model, terminals.apply(context.engine()));
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(PREFERRED_WIDTH, screen.getWidth()),
                Math.min(PREFERRED_HEIGHT, screen.getHeight()));
        context.theme().apply(scene);
        scene.getStylesheets().add(SandboxWindow.class.getResource(STYLESHEET).toExternalForm());
        stage.setTitle("BantuBox sandbox: run and compare containers");
        stage.setScene(scene);
        stage.setOnHidden(event -> close());
    }

    /** Opens the sandbox window on stage, with shells on real pseudo-terminals in the Terminal tab. */
    public static SandboxWindow open(AppContext context, Stage stage) {
        return open(context, stage, ContainerShellPane::new);
    }

    /** Opens the sandbox window on stage; terminals makes the Terminal tab's pane on the app's engine. */
    public static SandboxWindow open(AppContext context, Stage stage, Function<Engine, TerminalPane> terminals) {
        SandboxWindow window = new SandboxWindow(context, stage, terminals);
        window.model.start();
        stage.show();
        return window;
    }

    public Stage stage() {
        return stage;
    }

    public SandboxModel model() {
        return model;
    }

    public SandboxView view() {
        return view;
    }

    /** True until the window has been closed. */
    public boolean isOpen() {
        return stage.isShowing();
    }

    private void close() {
        view.details().close();
        model.close();
        context.theme().release(stage.getScene());
    }
}
