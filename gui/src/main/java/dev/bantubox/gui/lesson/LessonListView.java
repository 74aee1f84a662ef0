package dev.bantubox.gui.lesson;

import dev.bantubox.engine.lesson.EngineFeatures;
import dev.bantubox.engine.lesson.Lesson;

import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
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

    /**
     * A lesson with its mark. Each cell redraws its own mark when progress or a checkpoint answer
     * changes. ListView.refresh() would instead make all cells again and restyle each one.
     */
    private static final class LessonCell extends ListCell<Lesson> {
        private final LessonModel model;
        private final ChangeListener<Number> progressChanged = (property, before, after) -> showMark();

        LessonCell(LessonModel model) {
            this.model = model;
            WeakChangeListener<Number> weak = new WeakChangeListener<>(progressChanged);
            model.progressVersionProperty().addListener(weak);
            model.checkpointChoiceProperty().addListener(weak);
        }

        @Override
        protected void updateItem(Lesson lesson, boolean empty) {
            super.updateItem(lesson, empty);
            showMark();
        }

        private void showMark() {
            Lesson lesson = getItem();
            if (isEmpty() || lesson == null) {
                setText(null);
                getStyleClass().removeAll("lesson-done", "lesson-started");
                return;
            }
            String mark = markFor(model, lesson);
            setText(mark + "  " + lesson.number + "  " + lesson.title);
            setMarkClass("lesson-done", mark.equals("✓"));
            setMarkClass("lesson-started", mark.equals("◐"));
        }

        /** Adds or removes styleClass only when that changes it, so an unchanged cell is not restyled. */
        private void setMarkClass(String styleClass, boolean present) {
            if (present && !getStyleClass().contains(styleClass)) {
                getStyleClass().add(styleClass);
            } else if (!present) {
                getStyleClass().remove(styleClass);
            }
        }
    }
}
