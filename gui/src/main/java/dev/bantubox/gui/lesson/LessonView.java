package dev.bantubox.gui.lesson;

import dev.bantubox.engine.lesson.Experiment;
import dev.bantubox.engine.lesson.Lesson;

import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The centre of lesson mode: the lesson text, the experiments, the toggles, the checkpoint, the
 * command field with Run, and the output of the last run.
 */
public final class LessonView extends VBox {
    private final LessonModel model;
    private final MarkdownView text = new MarkdownView();
    private final FlowPane experiments = new FlowPane();
    private final Label lookFor = new Label();

    public LessonView(LessonModel model) {
        this.model = model;
        getStyleClass().add("lesson-view");

        text.setId("lesson-text");
        MarkdownView.parseAhead(model.lessons().stream().map(lesson -> lesson.markdown).toList());
        experiments.getStyleClass().add("experiment-row");
        experiments.mouseTransparentProperty().bind(model.runningProperty());
        experiments.setOrientation(Orientation.HORIZONTAL);
        lookFor.getStyleClass().add("look-for");
        lookFor.setWrapText(true);
        lookFor.setMinHeight(Region.USE_PREF_SIZE);

        // The text, the experiments, toggles and checkpoint scroll; the command, its status and the
        // output stay in view below them.
        VBox reading = new VBox(text, sectionTitle("Experiments"), experiments, sectionTitle("Toggles"),
                new ToggleBar(model), new CheckpointView(model));
        reading.getStyleClass().add("lesson-reading");
        ScrollPane readingScroll = new ScrollPane(reading);
        readingScroll.setId("lesson-scroll");
        readingScroll.setFitToWidth(true);
        readingScroll.getStyleClass().add("lesson-scroll");
        VBox.setVgrow(readingScroll, Priority.ALWAYS);

        Label neededChecks = new Label();
        neededChecks.setId("needed-checks");
        neededChecks.getStyleClass().add("needed-checks");
        neededChecks.setWrapText(true);
        neededChecks.setMinHeight(Region.USE_PREF_SIZE);
        neededChecks.setMaxWidth(Double.MAX_VALUE);
        neededChecks.textProperty().bind(model.neededCheckWarning());
        neededChecks.visibleProperty().bind(model.neededCheckWarning().isNotEmpty());
        neededChecks.managedProperty().bind(neededChecks.visibleProperty());

        getChildren().setAll(neededChecks, readingScroll, commandRow(), statusLine(), lookFor, outputArea());

        model.lessonProperty().addListener((property, before, after) -> showLesson(after));
        model.experimentIndexProperty().addListener((property, before, after) -> showExperiment(after.intValue()));
        model.resultProperty().addListener((property, before, after) -> lookFor.setVisible(after != null));
    }

    private HBox commandRow() {
        TextField command = new TextField();
        command.setId("command-field");
        command.getStyleClass().add("command-field");
        command.textProperty().bindBidirectional(model.commandProperty());
        command.disableProperty().bind(model.runningProperty());
        command.setOnAction(event -> model.run());
        HBox.setHgrow(command, Priority.ALWAYS);

        Button run = new Button("Run");
        run.setId("run-button");
        run.getStyleClass().add("run-button");
        run.setDefaultButton(true);
        run.disableProperty().bind(model.canRunBinding().not());
        run.setOnAction(event -> model.run());

        Button stop = new Button("Stop");
        stop.setId("stop-button");
        stop.getStyleClass().add("stop-button");
        stop.visibleProperty().bind(model.runningProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        stop.setOnAction(event -> model.stop());

        Label prompt = new Label("$");
        prompt.getStyleClass().add("command-prompt");
        HBox row = new HBox(prompt, command, run, stop);
        row.getStyleClass().add("command-row");
        return row;
    }

    private Label statusLine() {
        Label status = new Label();
        status.setId("run-status");
        status.getStyleClass().add("run-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.setMinHeight(Region.USE_PREF_SIZE);
        model.stateProperty().addListener((property, before, after) -> {
            if (before != null) {
                status.getStyleClass().remove(before.styleClass());
            }
            status.getStyleClass().add(after.styleClass());
        });
        return status;
    }

    private TextArea outputArea() {
        TextArea output = new TextArea();
        output.setId("run-output");
        output.getStyleClass().add("run-output");
        output.setEditable(false);
        output.setWrapText(true);
        output.setPrefRowCount(8);
        output.textProperty().bind(model.outputProperty());
        return output;
    }

    private void showLesson(Lesson lesson) {
        if (lesson == null) {
            return;
        }
        text.show(lesson.markdown);
        experiments.getChildren().clear();
        ToggleGroup group = new ToggleGroup();
        for (int i = 0; i < lesson.experiments.size(); i++) {
            Experiment experiment = lesson.experiments.get(i);
            ToggleButton button = new ToggleButton((i + 1) + ". " + experiment.title);
            button.setId("experiment-" + i);
            button.getStyleClass().add("experiment-button");
            if (!experiment.requires.isEmpty()) {
                button.getStyleClass().add("experiment-needs-feature");
            }
            button.setToggleGroup(group);
            int index = i;
            button.setOnAction(event -> {
                model.selectExperiment(index);
                button.setSelected(true);
            });
            experiments.getChildren().add(button);
        }
        showExperiment(model.experimentIndexProperty().get());
    }

    private void showExperiment(int index) {
        Lesson lesson = model.lessonProperty().get();
        if (lesson == null || index < 0 || index >= experiments.getChildren().size()) {
            return;
        }
        ((ToggleButton) experiments.getChildren().get(index)).setSelected(true);
        Experiment experiment = lesson.experiments.get(index);
        lookFor.setText(experiment.lookFor == null ? "" : "Look for: " + experiment.lookFor);
        lookFor.setVisible(model.resultProperty().get() != null);
    }

    private static Label sectionTitle(String title) {
        Label label = new Label(title);
        label.getStyleClass().add("section-title");
        return label;
    }
}
