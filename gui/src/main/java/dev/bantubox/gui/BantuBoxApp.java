package dev.bantubox.gui;

import java.util.function.Supplier;

import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The lesson-mode window. Started through {@link Launcher}, or by tests with their own context. */
public final class BantuBoxApp extends Application {
    private static final double PREFERRED_WIDTH = 1400;
    private static final double PREFERRED_HEIGHT = 900;
    private final Supplier<AppContext> contextFactory;
    private AppContext context;
    private MainView view;

    /** Creates the app on the real engine and the launcher's lessons folder. */
    public BantuBoxApp() {
        this(AppContext::fromEnvironment);
    }

    /** Creates the app on a given context, for tests and the benchmark. */
    public BantuBoxApp(Supplier<AppContext> contextFactory) {
        this.contextFactory = contextFactory;
    }

    @Override
    public void start(Stage stage) {
        context = contextFactory.get();
        view = new MainView(context);
        // The window may not be larger than the screen; Monocle's headless screen even fails to draw it.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(PREFERRED_WIDTH, screen.getWidth()),
                Math.min(PREFERRED_HEIGHT, screen.getHeight()));
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

    /** The window's content, once started. */
    public MainView view() {
        return view;
    }
}
