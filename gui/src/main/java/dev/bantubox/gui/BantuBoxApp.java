package dev.bantubox.gui;

import java.util.function.Supplier;

import dev.bantubox.gui.diagram.DiagramPane;
import dev.bantubox.gui.presenter.PresenterMenu;
import dev.bantubox.gui.presenter.PresenterMode;
import dev.bantubox.gui.sandbox.SandboxWindow;

import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.scene.Scene;
import javafx.scene.control.MenuBar;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * The lesson-mode window, or with {@code --sandbox} the sandbox window alone. Started through
 * {@link Launcher}, or by tests with their own context.
 */
public final class BantuBoxApp extends Application {
    private static final double PREFERRED_WIDTH = 1400;
    private static final double PREFERRED_HEIGHT = 900;
    private final Supplier<AppContext> contextFactory;
    private final boolean sandboxOnly;
    private AppContext context;
    private MainView view;
    private PresenterMode presenter;
    private SandboxWindow sandbox;

    /** Creates the app on the real engine and the launcher's lessons folder. */
    public BantuBoxApp() {
        this(AppContext::fromEnvironment);
    }

    /** Creates the app on a given context, for tests and the benchmark. */
    public BantuBoxApp(Supplier<AppContext> contextFactory) {
        this(contextFactory, false);
    }

    /** Creates the app on a given context; with sandboxOnly it opens the sandbox window alone. */
    public BantuBoxApp(Supplier<AppContext> contextFactory, boolean sandboxOnly) {
        this.contextFactory = contextFactory;
        this.sandboxOnly = sandboxOnly;
    }

    @Override
    public void start(Stage stage) {
        context = contextFactory.get();
        boolean sandboxOption = getParameters() != null && getParameters().getRaw().contains(Launcher.SANDBOX_OPTION);
        if (sandboxOnly || sandboxOption) {
            sandbox = SandboxWindow.open(context, stage);
            return;
        }
        view = new MainView(context);
        // The window may not be larger than the screen; Monocle's headless screen even fails to draw it.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        // One menu bar: presenter mode's Workshop menu (F5 also starts it), then the view's Sandbox and Help.
        presenter = new PresenterMode(context, view.model(), (DiagramPane) view.lookup("#diagram-pane"), stage);
        MenuBar menus = new MenuBar(PresenterMenu.create(presenter, context.theme()));
        menus.getMenus().addAll(view.menus());
        Scene scene = new Scene(new BorderPane(view, menus, null, null, null), Math.min(PREFERRED_WIDTH, screen.getWidth()),
                Math.min(PREFERRED_HEIGHT, screen.getHeight()));
        presenter.install(scene);
        stage.setOnHidden(event -> presenter.close());
        context.theme().apply(scene);
        stage.setTitle("BantuBox: build a container, step by step");
        stage.setScene(scene);
        stage.show();
        view.prepareImage();
    }

    @Override
    public void stop() {
        if (context != null) {
            context.executor().close();
        }
    }

    /** Presenter mode of this window, once started. */
    public PresenterMode presenter() {
        return presenter;
    }

    /** Returns the sandbox window when the app was started with it alone, else null. */
    public SandboxWindow sandbox() {
        return sandbox;
    }

    /** The window's content, once started. */
    public MainView view() {
        return view;
    }
}
