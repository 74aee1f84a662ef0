package dev.bantubox.gui.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.lesson.Lesson;
import dev.bantubox.engine.lesson.LessonLibrary;
import dev.bantubox.engine.testing.TestHome;
import dev.bantubox.engine.util.TreeRemover;
import dev.bantubox.gui.AppContext;
import dev.bantubox.gui.EngineExecutor;
import dev.bantubox.gui.progress.ProgressStore;
import dev.bantubox.gui.theme.ThemeManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.ListCell;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The lesson list's progress marks, headless (Monocle) on the real engine and a fresh progress file. */
class LessonListViewTest {
    private static final long RUN_TIMEOUT_SECONDS = 60;
    private static final FxRobot ROBOT = new FxRobot();
    private static TestHome home;
    private static Path progressFolder;
    private static AppContext context;

    @BeforeAll
    static void createContext() throws Exception {
        FxToolkit.registerPrimaryStage();
        home = TestHome.create();
        progressFolder = Files.createTempDirectory("bantubox-progress-");
        context = new AppContext(home.engine(), new EngineExecutor(), LessonLibrary.load(LessonLibrary.defaultDirectory()),
                ProgressStore.at(progressFolder.resolve("progress.json")), new ThemeManager());
    }

    @AfterAll
    static void removeContext() throws Exception {
        try {
            context.executor().close();
            FxToolkit.cleanupStages();
        } finally {
            home.close();
            TreeRemover.remove(progressFolder);
        }
    }

    @Test
    void markFollowsAnswerAndPassedRun() throws Exception {
        LessonModel[] created = new LessonModel[1];
        ROBOT.interact(() -> created[0] = new LessonModel(context));
        LessonModel lessons = created[0];
        FxToolkit.setupSceneRoot(() -> new LessonListView(lessons));
        FxToolkit.showStage();
        Lesson together = lessons.lessons().stream().filter(lesson -> lesson.folder.equals("13-together"))
                .findFirst().orElseThrow();

        ROBOT.interact(() -> lessons.open(together));
        assertThat(cellText(together)).as("nothing done yet").startsWith("○");

        ROBOT.interact(() -> lessons.answer(0));
        assertThat(cellText(together)).as("checkpoint answered").startsWith("◐");

        ROBOT.interact(lessons::run);
        WaitForAsyncUtils.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !lessons.runningProperty().get() && lessons.resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lessons.stateProperty().get()).as(lessons.statusProperty().get()).isEqualTo(RunState.PASSED);
        assertThat(cellText(together)).as("its only experiment passed").startsWith("✓");
    }

    private static String cellText(Lesson lesson) {
        WaitForAsyncUtils.waitForFxEvents();
        return ROBOT.lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(cell -> cell.getItem() == lesson).map(ListCell::getText).findFirst().orElseThrow();
    }
}
