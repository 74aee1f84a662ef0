package dev.bantubox.gui.presenter;

import dev.bantubox.engine.lesson.Experiment;
import dev.bantubox.engine.lesson.Lesson;
import dev.bantubox.gui.diagram.DiagramPane;
import dev.bantubox.gui.lesson.LessonModel;
import dev.bantubox.gui.lesson.MarkdownView;

import javafx.beans.property.BooleanProperty;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * What the room sees on the projector: the lesson text, the command and its output, and the diagrams
 * of the last run, all bound to the lesson model the presenter drives. Above the live content lie the
 * frozen picture (shown while the presenter prepares) and the blank screen.
 */
public final class AudienceView extends StackPane {
    /** The lesson column's share of the width; the diagrams get more, because their boxes must not wrap. */
    private static final double LESSON_SHARE = 0.42;
    private final LessonModel model;
    private final Label heading = new Label();
    private final MarkdownView text = new MarkdownView();
    private final Label command = new Label();
    private final DiagramPane diagrams;
    private final SplitPane columns;
    private final BorderPane live = new BorderPane();
    private final ImageView frozenPicture = new ImageView();
    private final Region blank = new Region();
    private final VBox lessonColumn;

    public AudienceView(LessonModel model, BooleanProperty blanked, BooleanProperty frozen, BooleanProperty zoomed) {
        this.model = model;
        getStyleClass().add("audience-view");

        heading.setId("audience-heading");
        heading.getStyleClass().add("audience-heading");
        heading.setWrapText(true);
        text.setId("audience-lesson-text");
        ScrollPane textScroll = new ScrollPane(text);
        textScroll.setFitToWidth(true);
        textScroll.getStyleClass().add("audience-text-scroll");
        VBox.setVgrow(textScroll, Priority.ALWAYS);
        command.setId("audience-command");
        command.getStyleClass().add("audience-command");
        command.setWrapText(true);
        command.setMinHeight(Region.USE_PREF_SIZE);
        TextArea output = new TextArea();
        output.setId("audience-output");
        output.getStyleClass().addAll("run-output", "audience-output");
        output.setEditable(false);
        output.setWrapText(true);
        output.setPrefRowCount(6);
        // The projector only shows, so none of its controls takes the focus: a focused one would draw a
        // focus ring in front of the room. Keys still reach the scene's filter.
        output.setFocusTraversable(false);
        textScroll.setFocusTraversable(false);
        output.textProperty().bind(model.outputProperty());
        lessonColumn = new VBox(textScroll, command, output);
        lessonColumn.getStyleClass().add("audience-lesson");

        diagrams = new DiagramPane(model);
        diagrams.setId("audience-diagrams");
        diagrams.setFocusTraversable(false);
        columns = new SplitPane(lessonColumn, diagrams);
        columns.setDividerPositions(LESSON_SHARE);
        live.setTop(heading);
        live.setCenter(columns);
        live.getStyleClass().add("audience-live");

        frozenPicture.setId("audience-frozen");
        frozenPicture.setVisible(false);
        frozenPicture.setManaged(false);
        blank.setId("audience-blank");
        blank.getStyleClass().add("audience-blank");
        blank.visibleProperty().bind(blanked);
        getChildren().setAll(live, frozenPicture, blank);

        model.lessonProperty().addListener((property, before, after) -> showStep());
        model.experimentIndexProperty().addListener((property, before, after) -> showStep());
        frozen.addListener((property, before, after) -> freeze(after));
        zoomed.addListener((property, before, after) -> zoom(after));
        showStep();
    }

    /** The diagram pane of this window, whose selected tab "Export diagram" writes. */
    public DiagramPane diagrams() {
        return diagrams;
    }

    private void showStep() {
        Lesson lesson = model.lessonProperty().get();
        int index = model.experimentIndexProperty().get();
        if (lesson == null || index < 0 || index >= lesson.experiments.size()) {
            return;
        }
        Experiment experiment = lesson.experiments.get(index);
        heading.setText("Lesson " + lesson.number + ": " + lesson.title + " · " + (index + 1) + ". " + experiment.title);
        if (!lesson.markdown.equals(text.getUserData())) {
            text.show(lesson.markdown);
            text.setUserData(lesson.markdown);
        }
        command.setText("$ " + experiment.command);
    }

    /**
     * Shows a picture of the live content taken now, so the room keeps seeing it while the presenter
     * changes the lesson or runs commands behind it.
     */
    private void freeze(boolean on) {
        if (on) {
            // The whole view, not only the live part: the live part is transparent, and its snapshot
            // would show white where the room saw the theme's background.
            frozenPicture.setImage(snapshot(null, null));
            frozenPicture.resizeRelocate(0, 0, getWidth(), getHeight());
        } else {
            frozenPicture.setImage(null);
        }
        frozenPicture.setVisible(on);
    }

    /** Lets the diagrams fill the window at a larger size, or puts the lesson column back. */
    private void zoom(boolean on) {
        if (on) {
            columns.getItems().remove(lessonColumn);
            diagrams.getStyleClass().add("audience-zoomed");
        } else {
            columns.getItems().add(0, lessonColumn);
            columns.setDividerPositions(LESSON_SHARE);
            diagrams.getStyleClass().remove("audience-zoomed");
        }
    }
}
