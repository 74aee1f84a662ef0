package dev.bantubox.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.lesson.Experiment;
import dev.bantubox.engine.lesson.Lesson;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.testing.TestHome;
import dev.bantubox.gui.diagram.StartTimeChart;
import dev.bantubox.gui.lesson.LessonModel;
import dev.bantubox.gui.lesson.RunState;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import javafx.scene.chart.XYChart;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;

import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Lesson mode headless (Monocle) on the real engine: the app starts, lists every lesson, runs each
 * lesson's first experiment with the expected output, and draws a namespace as shared once its toggle
 * is off. A PNG of every lesson after its run is written for review.
 */
class LessonModeTest {
    private static final long RUN_TIMEOUT_SECONDS = 60;
    private static TestHome home;
    private static Path progressFolder;
    private static TestApp fixture;
    private static BantuBoxApp app;
    private static final FxRobot ROBOT = new FxRobot();

    @BeforeAll
    static void startApp() throws Exception {
        fixture = TestApp.start(RUN_TIMEOUT_SECONDS);
        home = fixture.home();
        progressFolder = fixture.progressFolder();
        app = fixture.app();
        HostCheckOverlay.awaitAndClose(ROBOT, app);
    }

    @AfterAll
    static void stopApp() throws Exception {
        fixture.close();
    }

    @Test
    void appListsEveryLesson() {
        ListView<?> list = ROBOT.lookup("#lesson-list").queryAs(ListView.class);

        assertThat(list.getItems()).hasSize(14);
        assertThat(ROBOT.lookup("#start-failure-text").tryQuery()).isEmpty();
    }

    @Test
    void eachLessonRunsFirstExperimentAsExpected() throws Exception {
        LessonModel model = app.view().model();
        for (Lesson lesson : model.lessons()) {
            Experiment first = lesson.experiments.get(0);
            openAndAnswer(model, lesson);
            clickRunAndAwaitEnd(model);

            TextArea output = ROBOT.lookup("#run-output").queryAs(TextArea.class);
            assertThat(model.stateProperty().get()).as("%s: %s", lesson.folder, model.statusProperty().get())
                    .isEqualTo(RunState.PASSED);
            if (first.expect.output != null) {
                assertThat(Pattern.compile(first.expect.output, Pattern.MULTILINE).matcher(output.getText()).find())
                        .as("%s output %s matches /%s/", lesson.folder, output.getText(), first.expect.output).isTrue();
            }
            assertThat(model.journal()).as("%s journal", lesson.folder).isNotEmpty();
            PngSnapshots.write(ROBOT.lookup("#lesson-list").query().getScene(), lesson.folder);
            if (lesson.folder.equals("05-overlay")) {
                writeWithTab("#tab-filesystem", lesson.folder + "-filesystem");
            } else if (lesson.folder.equals("07-pid")) {
                writeWithTab("#tab-processes", lesson.folder + "-processes");
            } else if (lesson.folder.equals("09-network")) {
                writeWithTab("#tab-network", lesson.folder + "-network");
            }
        }
    }

    @Test
    void overlayComparisonChartsBothLaunches() throws Exception {
        LessonModel model = app.view().model();
        Lesson overlay = model.lessons().stream().filter(lesson -> lesson.folder.equals("05-overlay")).findFirst().orElseThrow();
        openAndAnswer(model, overlay);
        ROBOT.interact(() -> model.selectExperiment(1));

        clickRunAndAwaitEnd(model);

        assertThat(model.stateProperty().get()).as(model.statusProperty().get()).isEqualTo(RunState.PASSED);
        StartTimeChart chart = ROBOT.lookup(".start-time-chart").queryAs(StartTimeChart.class);
        assertThat(chart.getData()).hasSize(2);
        assertThat(chart.getData().get(0).getData()).extracting(XYChart.Data::getXValue)
                .containsExactly("overlay on", "overlay off");
        PngSnapshots.write(chart.getScene(), "05-overlay-start-time");
    }

    @Test
    void stopEndsLongCommandWithSigkill() throws Exception {
        LessonModel model = app.view().model();
        openAndAnswer(model, model.lessons().get(0));
        ROBOT.interact(() -> model.commandProperty().set("sleep 20"));
        Object previous = model.resultProperty().get();

        long started = System.nanoTime();
        ROBOT.clickOn("#run-button");
        WaitForAsyncUtils.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !model.journal().isEmpty()
                && model.runningProperty().get());
        ROBOT.clickOn("#stop-button");
        WaitForAsyncUtils.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !model.runningProperty().get() && model.resultProperty().get() != previous);

        assertThat(model.resultProperty().get().exitCode()).isEqualTo(137);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).as("seconds until stopped").isLessThan(15);
        assertThat(ROBOT.lookup("#stop-button").query().isVisible()).isFalse();
    }

    private static void writeWithTab(String tabId, String name) throws Exception {
        TabPane tabs = ROBOT.lookup("#diagram-pane").queryAs(TabPane.class);
        ROBOT.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(tab -> tabId.equals("#" + tab.getId())).findFirst().orElseThrow()));
        PngSnapshots.write(tabs.getScene(), name);
        ROBOT.interact(() -> tabs.getSelectionModel().select(0));
    }

    @Test
    void namespaceToggleOffDrawsItShared() throws Exception {
        LessonModel model = app.view().model();
        Lesson uts = model.lessons().stream().filter(lesson -> lesson.folder.equals("06-uts")).findFirst().orElseThrow();
        openAndAnswer(model, uts);

        clickRunAndAwaitEnd(model);
        assertThat(ROBOT.lookup("#ns-uts-container").tryQuery()).as("uts drawn separate with the toggle on").isPresent();
        assertThat(ROBOT.lookup("#ns-uts-shared").tryQuery()).as("no shared uts band with the toggle on").isEmpty();

        ToggleSwitch utsSwitch = ROBOT.lookup("#toggle-uts-ns").queryAs(ToggleSwitch.class);
        ROBOT.interact(() -> utsSwitch.setSelected(false));
        assertThat(model.toggleProperty(Toggle.UTS_NS).get()).as("the switch drives the model").isFalse();
        clickRunAndAwaitEnd(model);
        assertThat(ROBOT.lookup("#ns-uts-shared").tryQuery()).as("uts drawn as one shared band with the toggle off").isPresent();
        assertThat(ROBOT.lookup("#ns-uts-container").tryQuery()).as("no container uts box with the toggle off").isEmpty();
        assertThat(ROBOT.lookup("#ns-mnt-container").tryQuery()).as("mnt still separate").isPresent();
        PngSnapshots.write(ROBOT.lookup("#lesson-list").query().getScene(), "06-uts-toggle-off");
    }

    /** Clicks Run and waits until that run has published a new result (or an engine error). */
    private static void clickRunAndAwaitEnd(LessonModel model) throws TimeoutException {
        Object previous = model.resultProperty().get();
        ROBOT.clickOn("#run-button");
        WaitForAsyncUtils.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !model.runningProperty().get()
                && (model.resultProperty().get() != previous || model.stateProperty().get() == RunState.ERROR));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Picks lesson in the lesson list and answers its checkpoint, which unlocks Run. */
    private static void openAndAnswer(LessonModel model, Lesson lesson) {
        ListView<?> list = ROBOT.lookup("#lesson-list").queryAs(ListView.class);
        ROBOT.interact(() -> list.getSelectionModel().select(model.lessons().indexOf(lesson)));
        assertThat(model.lessonProperty().get()).as("lesson opened from the list").isSameAs(lesson);
        // The lesson may have been open already with another command; its first experiment resets it.
        ROBOT.interact(() -> ROBOT.lookup("#experiment-0").queryAs(ToggleButton.class).fire());
        ROBOT.interact(() -> ROBOT.lookup("#checkpoint-choice-0").queryAs(RadioButton.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.canRunBinding().get()).as("Run is enabled in %s", lesson.folder).isTrue();
    }
}
