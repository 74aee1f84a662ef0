package dev.bantubox.gui;

import dev.bantubox.engine.lesson.LessonLibrary;
import dev.bantubox.engine.testing.TestHome;
import dev.bantubox.engine.util.TreeRemover;
import dev.bantubox.gui.progress.ProgressStore;
import dev.bantubox.gui.theme.ThemeManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;

import org.controlsfx.control.MaskerPane;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lesson app started headless for a test class, on a temporary engine home (with its own network
 * namespace) and a temporary progress file, once the busybox image is ready. Closing it ends the app
 * and removes both.
 */
public final class TestApp implements AutoCloseable {
    private final TestHome home;
    private final Path progressFolder;
    private final Stage stage;
    private final BantuBoxApp app;

    private TestApp(TestHome home, Path progressFolder, Stage stage, BantuBoxApp app) {
        this.home = home;
        this.progressFolder = progressFolder;
        this.stage = stage;
        this.app = app;
    }

    /** Starts the app and waits, at most timeoutSeconds, until the image preparation mask is gone. */
    public static TestApp start(long timeoutSeconds) throws Exception {
        TestHome home = TestHome.create();
        Path progressFolder = Files.createTempDirectory("bantubox-progress-");
        LessonLibrary lessons = LessonLibrary.load(LessonLibrary.defaultDirectory());
        Stage stage = FxToolkit.registerPrimaryStage();
        BantuBoxApp app = (BantuBoxApp) FxToolkit.setupApplication(() -> new BantuBoxApp(() -> new AppContext(
                home.engine(), new EngineExecutor(), lessons, ProgressStore.at(progressFolder.resolve("progress.json")),
                new ThemeManager())));
        MaskerPane masker = new FxRobot().lookup("#image-masker").queryAs(MaskerPane.class);
        WaitForAsyncUtils.waitFor(timeoutSeconds, TimeUnit.SECONDS, () -> !masker.isVisible());
        return new TestApp(home, progressFolder, stage, app);
    }

    public TestHome home() {
        return home;
    }

    public Path progressFolder() {
        return progressFolder;
    }

    /** Returns the primary stage, the lesson window. */
    public Stage stage() {
        return stage;
    }

    public BantuBoxApp app() {
        return app;
    }

    @Override
    public void close() throws Exception {
        try {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        } finally {
            home.close();
            TreeRemover.remove(progressFolder);
        }
    }
}
