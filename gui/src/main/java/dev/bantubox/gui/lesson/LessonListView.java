package dev.bantubox.gui.lesson;

import dev.bantubox.engine.lesson.EngineFeatures;
import dev.bantubox.engine.lesson.Lesson;

import javafx.application.Platform;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

/**
 * The lessons in order, each with a progress mark: ✓ when every experiment this engine can run has
 * met its expectation in a learner's run, ◐ when some have or the checkpoint is answered, ○ otherwise.
 */
public final class LessonListView extends ListView<Lesson> {
    public LessonListView(LessonModel model) {
        getStyleClass().add("lesson-list");
        getItems().setAll(model.lessons());
        setCellFactory(list -> new LessonCell(model));
        // A result belongs to the lesson that started the run, so the lesson stays put until it ends.
        // Ignoring the mouse (and undoing a keyboard move) keeps the list's look: disabling it would
        // restyle every cell twice per run.
        mouseTransparentProperty().bind(model.runningProperty());
        getSelectionModel().selectedItemProperty().addListener((property, before, after) -> {
            if (after == null || after == model.lessonProperty().get()) {
                return;
            }
            if (model.runningProperty().get()) {
                Platform.runLater(() -> getSelectionModel().select(model.lessonProperty().get()));
                return;
            }
            model.open(after);
        });
        model.lessonProperty().addListener((property, before, after) -> getSelectionModel().select(after));
        model.progressVersionProperty().addListener((property, before, after) -> refresh());
        model.checkpointChoiceProperty().addListener((property, before, after) -> refresh());
    }

    /** The mark for lesson given the learner's progress. */
    static String markFor(LessonModel model, Lesson lesson) {
        long runnable = lesson.experiments.stream().filter(experiment -> EngineFeatures.missingFor(experiment) == null).count();
        int passed = model.progress().passed(lesson.folder).size();
        boolean answered = model.progress().checkpointAnswers.containsKey(lesson.folder);
        if (answered && passed >= runnable) {
            return "✓";
        }
        return answered || passed > 0 ? "◐" : "○";
    }

    private static final class LessonCell extends ListCell<Lesson> {
        private final LessonModel model;

        LessonCell(LessonModel model) {
            this.model = model;
        }

        @Override
        protected void updateItem(Lesson lesson, boolean empty) {
            super.updateItem(lesson, empty);
            getStyleClass().removeAll("lesson-done", "lesson-started");
            if (empty || lesson == null) {
                setText(null);
                return;
            }
            String mark = markFor(model, lesson);
            setText(mark + "  " + lesson.number + "  " + lesson.title);
            if (mark.equals("✓")) {
                getStyleClass().add("lesson-done");
            } else if (mark.equals("◐")) {
                getStyleClass().add("lesson-started");
            }
        }
    }
}
