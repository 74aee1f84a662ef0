package dev.bantubox.gui.presenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.bantubox.engine.lesson.Lesson;
import dev.bantubox.engine.testing.TestHome;
import dev.bantubox.gui.BantuBoxApp;
import dev.bantubox.gui.TestApp;
import dev.bantubox.gui.lesson.LessonModel;
import dev.bantubox.gui.lesson.RunState;
import dev.bantubox.gui.theme.Theme;
import dev.bantubox.gui.theme.ThemeManager;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Presenter mode headless (Monocle) on the real engine. The keys move the projector, the presenter
 * window and the main window together. The projector's scale doubles text and diagrams. Blank and
 * freeze cover the projector, and a workshop reset kills the running experiment's container. PNGs of
 * the projector at 200 % and in each theme, and of the presenter window, are written for review.
 */
class PresenterModeTest {
    private static final long RUN_TIMEOUT_SECONDS = 60;
    private static final FxRobot ROBOT = new FxRobot();
    private static TestHome home;
    private static Path progressFolder;
    private static TestApp fixture;
    private static BantuBoxApp app;
    private static Stage mainStage;

    @BeforeAll
    static void startApp() throws Exception {
        fixture = TestApp.start(RUN_TIMEOUT_SECONDS);
        home = fixture.home();
        progressFolder = fixture.progressFolder();
        app = fixture.app();
        mainStage = fixture.stage();
    }

    @AfterEach
    void leavePresenterMode() {
        ROBOT.interact(() -> {
            app.presenter().close();
            app.presenter().audienceTheme().setScale(PresenterMode.DEFAULT_AUDIENCE_SCALE);
        });
    }

    @AfterAll
    static void stopApp() throws Exception {
        fixture.close();
    }

    @Test
    void keysMoveBothWindows() throws Exception {
        PresenterMode presenter = app.presenter();
        LessonModel model = app.view().model();
        press(mainStage, KeyCode.F5);
        assertThat(presenter.activeProperty().get()).as("F5 in the main window opens presenter mode").isTrue();
        Stage presenterStage = presenter.presenterStage();
        Stage audienceStage = presenter.audienceStage();
        assertThat(audienceStage.isShowing()).isTrue();
        assertThat(audienceStage.isFullScreen()).as("the projector is full screen on its one screen").isTrue();

        press(presenterStage, KeyCode.DIGIT1);
        Lesson forkExec = model.lessons().get(1);
        assertStep(presenter, forkExec, 0);
        assertThat(text(presenterStage.getScene(), "#presenter-notes")).isEqualTo(forkExec.instructorNotes);
        assertThat(text(presenterStage.getScene(), "#presenter-next")).contains("2. " + forkExec.experiments.get(1).title);
        assertThat(text(presenterStage.getScene(), "#presenter-clock")).matches("\\d+:\\d\\d");

        writePng(presenterStage.getScene(), "presenter-window");
        press(presenterStage, KeyCode.RIGHT);
        assertStep(presenter, forkExec, 1);
        press(presenterStage, KeyCode.PAGE_DOWN);
        assertStep(presenter, forkExec, 2);
        press(presenterStage, KeyCode.SPACE);
        assertStep(presenter, model.lessons().get(2), 0);
        press(presenterStage, KeyCode.LEFT);
        assertStep(presenter, forkExec, 2);
        press(presenterStage, KeyCode.PAGE_UP);
        assertStep(presenter, forkExec, 1);
        press(audienceStage, KeyCode.RIGHT);
        assertStep(presenter, forkExec, 2);
        ListView<?> lessonList = (ListView<?>) mainStage.getScene().lookup("#lesson-list");
        assertThat(lessonList.getSelectionModel().getSelectedItem()).as("the main window follows").isSameAs(forkExec);

        press(audienceStage, KeyCode.ESCAPE);
        assertThat(presenter.activeProperty().get()).as("Escape leaves presenter mode").isFalse();
        assertThat(presenterStage.isShowing()).isFalse();
        assertThat(audienceStage.isShowing()).isFalse();
    }

    @Test
    void doubleScaleDoublesTextAndDiagram() throws Exception {
        LessonModel model = app.view().model();
        Lesson uts = model.lessons().stream().filter(lesson -> lesson.folder.equals("06-uts")).findFirst().orElseThrow();
        runFirstExperiment(model, uts);
        PresenterMode presenter = app.presenter();
        ROBOT.interact(() -> {
            presenter.open();
            presenter.audienceTheme().setScale(1.0);
        });
        WaitForAsyncUtils.waitForFxEvents();
        AudienceView audience = presenter.audienceView();
        Text lessonText = (Text) audience.lookup("#audience-lesson-text .md-text");
        Label namespaceType = (Label) audience.lookup("#namespace-diagram .ns-type");
        assertThat(namespaceType).as("the projector draws the run's namespaces").isNotNull();
        double textSize = lessonText.getFont().getSize();
        double boxWidth = namespaceType.prefWidth(-1);
        double boxHeight = namespaceType.prefHeight(-1);

        ROBOT.interact(() -> presenter.changeScale(1.0));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(presenter.audienceTheme().scaleProperty().get()).isEqualTo(2.0);
        // Font sizes come back rounded to a tenth of a pixel (1.05 em of 13 px reads 13.7), so twice is off by 0.1.
        assertThat(lessonText.getFont().getSize()).as("lesson text font size").isCloseTo(2 * textSize, within(0.25));
        assertThat(namespaceType.prefWidth(-1)).as("diagram box width").isCloseTo(2 * boxWidth, within(2.0));
        assertThat(namespaceType.prefHeight(-1)).as("diagram box height").isCloseTo(2 * boxHeight, within(2.0));
        assertThat(app.view().getScene().getRoot().getStyle()).as("the main window keeps its own scale")
                .contains(String.format(java.util.Locale.ROOT, "%.2fpx", ThemeManager.BASE_FONT_PIXELS));
        Path shot = writePng(presenter.audienceStage().getScene(), "presenter-audience-200");
        assertThat(shot).exists();

        Path exported = snapshotFolder().resolve("presenter-exported-diagram.png");
        AtomicReference<Path> written = new AtomicReference<>();
        ROBOT.interact(() -> {
            try {
                written.set(presenter.exportDiagram(exported));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        BufferedImage diagram = ImageIO.read(written.get().toFile());
        Node drawn = audience.lookup("#namespace-diagram");
        assertThat((double) diagram.getWidth()).as("exported width").isCloseTo(drawn.getLayoutBounds().getWidth(), within(2.0));
        assertThat((double) diagram.getHeight()).as("exported height").isCloseTo(drawn.getLayoutBounds().getHeight(), within(2.0));
    }

    @Test
    void blankKeyBlanksAndRestores() throws Exception {
        PresenterMode presenter = app.presenter();
        ROBOT.interact(presenter::open);
        Stage audienceStage = presenter.audienceStage();
        Node blank = audienceStage.getScene().lookup("#audience-blank");
        assertThat(blank.isVisible()).isFalse();
        assertThat(centreArgb(audienceStage.getScene())).as("live projector centre").isNotEqualTo(0xff000000);

        press(presenter.presenterStage(), KeyCode.B);
        assertThat(blank.isVisible()).as("blank after B").isTrue();
        assertThat(centreArgb(audienceStage.getScene())).as("blank projector centre").isEqualTo(0xff000000);
        assertThat(text(presenter.presenterStage().getScene(), "#presenter-audience-state")).startsWith("Screen blank");

        press(presenter.presenterStage(), KeyCode.B);
        assertThat(blank.isVisible()).as("restored after a second B").isFalse();
        assertThat(centreArgb(audienceStage.getScene())).as("restored projector centre").isNotEqualTo(0xff000000);
    }

    @Test
    void freezeKeepsProjectorWhileLessonMoves() throws Exception {
        PresenterMode presenter = app.presenter();
        ROBOT.interact(() -> {
            presenter.open();
            presenter.jumpToLesson(1);
        });
        Stage presenterStage = presenter.presenterStage();
        Node frozen = presenter.audienceStage().getScene().lookup("#audience-frozen");

        Scene projector = presenter.audienceStage().getScene();
        int[] beforeFreeze = headingPixels(projector);

        press(presenterStage, KeyCode.F);
        press(presenterStage, KeyCode.RIGHT);
        assertThat(frozen.isVisible()).as("frozen picture shown").isTrue();
        assertThat(app.view().model().experimentIndexProperty().get()).as("the lesson moved behind it").isEqualTo(1);
        assertThat(headingPixels(projector)).as("the room still sees the first experiment's heading")
                .isEqualTo(beforeFreeze);

        press(presenterStage, KeyCode.F);
        assertThat(frozen.isVisible()).as("live again after a second F").isFalse();
        assertThat(headingPixels(projector)).as("the room sees the second experiment's heading")
                .isNotEqualTo(beforeFreeze);

        Node lessonText = projector.lookup("#audience-lesson-text");
        press(presenterStage, KeyCode.Z);
        assertThat(lessonText.getScene()).as("the lesson column leaves the projector while zoomed").isNull();
        writePng(projector, "presenter-audience-zoomed");
        press(presenterStage, KeyCode.Z);
        assertThat(lessonText.getScene()).as("the lesson column is back").isNotNull();
    }

    @Test
    void themeKeySwitchesBothWindows() throws Exception {
        PresenterMode presenter = app.presenter();
        ROBOT.interact(presenter::open);
        ThemeManager appTheme = presenter.audienceTheme();

        press(presenter.presenterStage(), KeyCode.T);

        try {
            assertThat(appTheme.themeProperty().get()).isEqualTo(Theme.DARK);
            assertThat(presenter.audienceStage().getScene().getStylesheets()).anyMatch(sheet -> sheet.endsWith("theme-dark.css"));
            assertThat(app.view().getScene().getStylesheets()).anyMatch(sheet -> sheet.endsWith("theme-dark.css"));
            writePng(presenter.audienceStage().getScene(), "presenter-audience-dark");
            press(presenter.presenterStage(), KeyCode.T);
            assertThat(appTheme.themeProperty().get()).isEqualTo(Theme.HIGH_CONTRAST);
            writePng(presenter.audienceStage().getScene(), "presenter-audience-high-contrast");
            assertThat(app.view().getScene().getStylesheets()).noneMatch(sheet -> sheet.endsWith("theme-dark.css"))
                    .anyMatch(sheet -> sheet.endsWith("theme-high-contrast.css"));
        } finally {
            ROBOT.interact(() -> presenter.cycleTheme());
        }
        assertThat(appTheme.themeProperty().get()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void runKeyThenResetRemovesContainer() throws Exception {
        LessonModel model = app.view().model();
        PresenterMode presenter = app.presenter();
        ROBOT.interact(() -> {
            presenter.open();
            model.open(model.lessons().get(0));
            model.commandProperty().set("sleep 20");
        });
        javafx.scene.control.RadioButton firstChoice = (javafx.scene.control.RadioButton) presenter.presenterStage()
                .getScene().lookup("#checkpoint-choice-0");
        ROBOT.interact(firstChoice::fire);
        assertThat(model.canRunBinding().get()).as("the presenter window's checkpoint unlocks Run").isTrue();
        press(presenter.presenterStage(), KeyCode.R);
        WaitForAsyncUtils.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> model.runningProperty().get() && !model.runner().startedContainers().isEmpty());
        assertThat(home.engine().list(true)).as("the running experiment's container").hasSize(1);

        ROBOT.interact(() -> presenter.presenterStage().getScene().lookup("#presenter-reset")
                .fireEvent(new javafx.event.ActionEvent()));
        WaitForAsyncUtils.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !model.runningProperty().get() && presenter.messageProperty().get().startsWith("Workshop reset:"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.resultProperty().get().exitCode()).as("killed with SIGKILL").isEqualTo(137);
        assertThat(home.engine().list(true)).as("containers left").isEmpty();
        assertThat(model.runner().startedContainers()).isEmpty();
    }

    private static void runFirstExperiment(LessonModel model, Lesson lesson) throws Exception {
        Object previous = model.resultProperty().get();
        ROBOT.interact(() -> {
            model.open(lesson);
            model.answer(0);
            model.run();
        });
        WaitForAsyncUtils.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !model.runningProperty().get()
                && model.resultProperty().get() != previous);
        // The run's result lands in several properties in one FX event; let that event finish.
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.stateProperty().get()).as(model.statusProperty().get()).isEqualTo(RunState.PASSED);
    }

    /** Checks that the projector and the presenter window both show experiment index of lesson. */
    private static void assertStep(PresenterMode presenter, Lesson lesson, int index) {
        String step = index + 1 + ". " + lesson.experiments.get(index).title;
        assertThat(text(presenter.audienceStage().getScene(), "#audience-heading"))
                .as("projector heading").contains("Lesson " + lesson.number + ": " + lesson.title).contains(step);
        assertThat(text(presenter.presenterStage().getScene(), "#presenter-step"))
                .as("presenter step").contains("Lesson " + lesson.number + " " + lesson.title).contains(step);
    }

    @Test
    void shortcutScalesMainWindow() {
        Scene main = app.view().getScene();
        Text lessonText = (Text) main.lookup("#lesson-text .md-text");
        double textSize = lessonText.getFont().getSize();

        press(mainStage, KeyCode.EQUALS, KeyCode.CONTROL);
        press(mainStage, KeyCode.EQUALS, KeyCode.CONTROL);
        press(mainStage, KeyCode.EQUALS, KeyCode.CONTROL);
        press(mainStage, KeyCode.EQUALS, KeyCode.CONTROL);

        try {
            assertThat(lessonText.getFont().getSize()).as("lesson text after four steps of 25 %%")
                    .isCloseTo(2 * textSize, within(0.25));
        } finally {
            press(mainStage, KeyCode.DIGIT0, KeyCode.CONTROL);
        }
        assertThat(lessonText.getFont().getSize()).as("back to 100 %%").isCloseTo(textSize, within(0.01));
    }

    /** Returns the pixels of the projector's heading band, where the step's title is drawn. */
    private static int[] headingPixels(Scene scene) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        FxToolkit.setupFixture(() -> image.set(scene.snapshot(null)));
        Node heading = scene.lookup("#audience-heading");
        int width = (int) image.get().getWidth();
        int height = (int) Math.min(image.get().getHeight(), heading.getBoundsInParent().getMaxY());
        int[] pixels = new int[width * height];
        image.get().getPixelReader().getPixels(0, 0, width, height, javafx.scene.image.PixelFormat.getIntArgbInstance(),
                pixels, 0, width);
        return pixels;
    }

    private static String text(Scene scene, String selector) {
        return ((Label) scene.lookup(selector)).getText();
    }

    /** Types key into stage, which gets the focus first, as a clicker's key goes to the focused window. */
    private static void press(Stage stage, KeyCode key) {
        ROBOT.interact(stage::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        ROBOT.type(key);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Types key with modifier held, into stage. */
    private static void press(Stage stage, KeyCode key, KeyCode modifier) {
        ROBOT.interact(stage::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        ROBOT.press(modifier);
        ROBOT.type(key);
        ROBOT.release(modifier);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int centreArgb(Scene scene) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        FxToolkit.setupFixture(() -> image.set(scene.snapshot(null)));
        return image.get().getPixelReader().getArgb((int) image.get().getWidth() / 2, (int) image.get().getHeight() / 2);
    }

    private static Path snapshotFolder() {
        return Path.of(System.getProperty("bantubox.snapshots", "target/lesson-snapshots"));
    }

    private static Path writePng(Scene scene, String name) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        FxToolkit.setupFixture(() -> image.set(scene.snapshot(null)));
        WritableImage shot = image.get();
        BufferedImage buffered = new BufferedImage((int) shot.getWidth(), (int) shot.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < buffered.getHeight(); y++) {
            for (int x = 0; x < buffered.getWidth(); x++) {
                buffered.setRGB(x, y, shot.getPixelReader().getArgb(x, y));
            }
        }
        Files.createDirectories(snapshotFolder());
        Path file = snapshotFolder().resolve(name + ".png");
        ImageIO.write(buffered, "png", file.toFile());
        return file;
    }
}
