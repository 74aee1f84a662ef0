package dev.bantubox.gui.presenter;

import dev.bantubox.engine.lesson.Lesson;
import dev.bantubox.gui.lesson.CheckpointView;
import dev.bantubox.gui.lesson.LessonModel;
import dev.bantubox.gui.lesson.MarkdownView;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The instructor's own window: the step the room sees, the lesson's instructor notes, a preview of
 * the next step, the time since presenter mode began, the state of the projector and buttons for
 * every key.
 */
public final class PresenterView extends BorderPane {
    /** The lesson text's share of the width; the notes and the next step take the rest. */
    private static final double TEXT_SHARE = 0.55;
    private final PresenterMode mode;
    private final LessonModel model;
    private final Label step = new Label();
    private final Label clock = new Label("0:00");
    private final Label notes = new Label();
    private final Label next = new Label();
    private final MarkdownView text = new MarkdownView();
    private final Timeline ticker;

    public PresenterView(PresenterMode mode, LessonModel model) {
        this.mode = mode;
        this.model = model;
        getStyleClass().add("presenter-view");

        step.setId("presenter-step");
        step.getStyleClass().add("presenter-step");
        step.setWrapText(true);
        clock.setId("presenter-clock");
        clock.getStyleClass().add("presenter-clock");
        clock.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(step, spacer, clock);
        top.getStyleClass().add("presenter-top");
        setTop(top);

        text.setId("presenter-lesson-text");
        ScrollPane textScroll = new ScrollPane(text);
        textScroll.setFitToWidth(true);
        notes.setId("presenter-notes");
        notes.getStyleClass().add("presenter-notes");
        notes.setWrapText(true);
        next.setId("presenter-next");
        next.getStyleClass().add("presenter-next");
        next.setWrapText(true);
        Label audienceState = new Label();
        audienceState.setId("presenter-audience-state");
        audienceState.getStyleClass().add("presenter-audience-state");
        audienceState.setWrapText(true);
        audienceState.textProperty().bind(Bindings.createStringBinding(this::describeAudience, mode.blankedProperty(),
                mode.frozenProperty(), mode.zoomedProperty(), mode.audienceTheme().scaleProperty(),
                mode.audienceTheme().themeProperty()));
        Label status = new Label();
        status.setId("presenter-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        Label message = new Label();
        message.setId("presenter-message");
        message.setWrapText(true);
        message.textProperty().bind(mode.messageProperty());
        // The checkpoint unlocks Run here too: with the projector full screen on one screen, the lesson
        // window is hidden behind it. The instructor can ask the room and click its answer.
        VBox side = new VBox(title("Instructor notes"), notes, title("Next"), next, title("Run"), status,
                new CheckpointView(model), title("Projector"), audienceState, message);
        side.getStyleClass().add("presenter-side");
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        SplitPane centre = new SplitPane(textScroll, sideScroll);
        centre.setDividerPositions(TEXT_SHARE);
        centre.getStyleClass().add("presenter-centre");
        setCenter(centre);
        setBottom(buttons());

        model.lessonProperty().addListener((property, before, after) -> showStep());
        model.experimentIndexProperty().addListener((property, before, after) -> showStep());
        showStep();

        ticker = new Timeline(new KeyFrame(Duration.seconds(1), event -> showElapsed()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
    }

    /** Stops the clock; called when presenter mode ends. */
    void stopClock() {
        ticker.stop();
    }

    private FlowPane buttons() {
        FlowPane row = new FlowPane(
                button("Back", "presenter-back", mode::back),
                button("Next", "presenter-next-button", mode::next),
                button("Run / Stop (R)", "presenter-run", mode::runOrStop),
                button("Blank (B)", "presenter-blank", mode::toggleBlank),
                button("Freeze (F)", "presenter-freeze", mode::toggleFreeze),
                button("Zoom diagram (Z)", "presenter-zoom", mode::toggleZoom),
                button("Smaller (−)", "presenter-smaller", () -> mode.changeScale(-PresenterMode.SCALE_STEP)),
                button("Larger (+)", "presenter-larger", () -> mode.changeScale(PresenterMode.SCALE_STEP)),
                button("Theme (T)", "presenter-theme", mode::cycleTheme),
                button("Reset workshop", "presenter-reset", mode::resetWorkshop),
                button("Export diagram…", "presenter-export", mode::exportDiagramWithChooser),
                button("Leave (Esc)", "presenter-leave", mode::close));
        row.getStyleClass().add("presenter-buttons");
        return row;
    }

    private static Button button(String title, String id, Runnable action) {
        Button button = new Button(title);
        button.setId(id);
        // Space and the arrows are presentation keys here, so no button keeps the focus to take them.
        button.setFocusTraversable(false);
        button.setOnAction(event -> action.run());
        return button;
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private void showStep() {
        Lesson lesson = model.lessonProperty().get();
        int index = model.experimentIndexProperty().get();
        if (lesson == null || index < 0) {
            return;
        }
        List<Lesson> lessons = model.lessons();
        LessonStep current = new LessonStep(lessons.indexOf(lesson), index);
        step.setText(current.describe(lessons));
        notes.setText(lesson.instructorNotes == null || lesson.instructorNotes.isBlank()
                ? "This lesson has no instructor notes (\"instructorNotes\" in its lesson.json)." : lesson.instructorNotes);
        next.setText(current.next(lessons).map(following -> following.describe(lessons))
                .orElse("This is the last step of the last lesson."));
        if (!lesson.markdown.equals(text.getUserData())) {
            text.show(lesson.markdown);
            text.setUserData(lesson.markdown);
        }
    }

    private void showElapsed() {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - mode.startNanos());
        clock.setText(formatElapsed(seconds));
    }

    /** Formats seconds as M:SS, or H:MM:SS from one hour on. */
    static String formatElapsed(long seconds) {
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        long rest = seconds % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest)
                : String.format(Locale.ROOT, "%d:%02d", minutes, rest);
    }

    private String describeAudience() {
        String state = mode.blankedProperty().get() ? "blank" : mode.frozenProperty().get() ? "frozen" : "live";
        return String.format(Locale.ROOT, "Screen %s%s · text %d %% · %s theme", state,
                mode.zoomedProperty().get() ? " · diagram zoomed" : "",
                Math.round(mode.audienceTheme().scaleProperty().get() * 100),
                mode.audienceTheme().themeProperty().get().title().toLowerCase(Locale.ROOT));
    }
}
