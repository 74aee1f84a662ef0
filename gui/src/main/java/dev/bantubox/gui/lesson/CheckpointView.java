package dev.bantubox.gui.lesson;

import dev.bantubox.engine.lesson.Lesson;

import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/**
 * The lesson's checkpoint question. Picking a choice unlocks Run; once answered, the explanation
 * shows whether the choice was right.
 */
public final class CheckpointView extends VBox {
    private final LessonModel model;
    private final Label question = new Label();
    private final VBox choices = new VBox();
    private final Label explanation = new Label();
    private ToggleGroup group = new ToggleGroup();

    public CheckpointView(LessonModel model) {
        this.model = model;
        getStyleClass().add("checkpoint");
        question.getStyleClass().add("checkpoint-question");
        question.setWrapText(true);
        choices.getStyleClass().add("checkpoint-choices");
        explanation.getStyleClass().add("checkpoint-explanation");
        explanation.setWrapText(true);
        getChildren().setAll(question, choices, explanation);
        model.lessonProperty().addListener((property, before, after) -> show(after));
        model.checkpointChoiceProperty().addListener((property, before, after) -> showAnswer());
        // A view made while a lesson is open, such as the presenter window's, starts with its question.
        show(model.lessonProperty().get());
    }

    private void show(Lesson lesson) {
        group = new ToggleGroup();
        choices.getChildren().clear();
        if (lesson == null) {
            return;
        }
        question.setText("Checkpoint: " + lesson.checkpoint.question);
        for (int i = 0; i < lesson.checkpoint.choices.size(); i++) {
            RadioButton choice = new RadioButton(lesson.checkpoint.choices.get(i));
            choice.setId("checkpoint-choice-" + i);
            choice.setWrapText(true);
            choice.setToggleGroup(group);
            int index = i;
            choice.setOnAction(event -> model.answer(index));
            choices.getChildren().add(choice);
        }
        showAnswer();
    }

    private void showAnswer() {
        Lesson lesson = model.lessonProperty().get();
        int chosen = model.checkpointChoiceProperty().get();
        explanation.getStyleClass().removeAll("answer-right", "answer-wrong");
        if (lesson == null || chosen < 0 || chosen >= choices.getChildren().size()) {
            group.selectToggle(null);
            explanation.setText("Answer the question to unlock Run.");
            return;
        }
        ((RadioButton) choices.getChildren().get(chosen)).setSelected(true);
        boolean right = chosen == lesson.checkpoint.answer;
        explanation.getStyleClass().add(right ? "answer-right" : "answer-wrong");
        String verdict = right ? "Right. " : "Not quite: the answer is \"" + lesson.checkpoint.choices.get(lesson.checkpoint.answer) + "\". ";
        explanation.setText(verdict + (lesson.checkpoint.explanation == null ? "" : lesson.checkpoint.explanation));
    }
}
