package dev.bantubox.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.lesson.LessonLibrary;
import dev.bantubox.engine.testing.TestHome;
import dev.bantubox.engine.util.TreeRemover;
import dev.bantubox.gui.progress.ProgressStore;
import dev.bantubox.gui.theme.ThemeManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.ListView;

import org.controlsfx.control.MaskerPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The first start on an engine home without images: the window stays responsive while the image is made. */
class FirstStartTest {
    private static final FxRobot ROBOT = new FxRobot();
    private TestHome home;
    private Path progressFolder;
    private BantuBoxApp app;

    @AfterEach
    void stopApp() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        home.close();
        TreeRemover.remove(progressFolder);
    }

    @Test
    void imageIsPreparedBehindProgressMask() throws Exception {
        home = TestHome.createEmpty();
        progressFolder = Files.createTempDirectory("bantubox-progress-");
        LessonLibrary lessons = LessonLibrary.load(LessonLibrary.defaultDirectory());
        FxToolkit.registerPrimaryStage();

        app = (BantuBoxApp) FxToolkit.setupApplication(() -> new BantuBoxApp(() -> new AppContext(home.engine(),
                new EngineExecutor(), lessons, ProgressStore.at(progressFolder.resolve("progress.json")),
                new ThemeManager())));
        MaskerPane masker = ROBOT.lookup("#image-masker").queryAs(MaskerPane.class);

        assertThat(home.engine().images().find(ImageStore.DEFAULT_IMAGE)).as("no image yet").isEmpty();
        assertThat(masker.isVisible()).as("progress mask while the image is made").isTrue();
        long before = System.nanoTime();
        ROBOT.interact(() -> ROBOT.lookup("#lesson-list").queryAs(ListView.class).getSelectionModel().select(1));
        long fxRoundTripMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
        assertThat(fxRoundTripMillis).as("the FX thread answers while the image is made").isLessThan(2_000);

        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !masker.isVisible());
        assertThat(home.engine().images().list()).as("an image was made").isNotEmpty();
        assertThat(ROBOT.lookup("#start-failure-text").tryQuery()).isEmpty();
    }
}
