package dev.bantubox.gui.presenter;

import dev.bantubox.engine.lesson.Experiment;
import dev.bantubox.engine.lesson.Lesson;

import java.util.List;
import java.util.Optional;

/**
 * One step of a presentation: an experiment of a lesson. The steps run through every experiment of
 * every lesson in order, so "next" after a lesson's last experiment opens the next lesson.
 *
 * @param lessonIndex     the lesson's position in the library
 * @param experimentIndex the experiment's position in that lesson
 */
record LessonStep(int lessonIndex, int experimentIndex) {

    /** Returns the step after this one, or empty at the last experiment of the last lesson. */
    Optional<LessonStep> next(List<Lesson> lessons) {
        Lesson lesson = lessons.get(lessonIndex);
        if (experimentIndex + 1 < lesson.experiments.size()) {
            return Optional.of(new LessonStep(lessonIndex, experimentIndex + 1));
        }
        if (lessonIndex + 1 < lessons.size()) {
            return Optional.of(new LessonStep(lessonIndex + 1, 0));
        }
        return Optional.empty();
    }

    /** Returns the step before this one, or empty at the first experiment of the first lesson. */
    Optional<LessonStep> previous(List<Lesson> lessons) {
        if (experimentIndex > 0) {
            return Optional.of(new LessonStep(lessonIndex, experimentIndex - 1));
        }
        if (lessonIndex > 0) {
            Lesson before = lessons.get(lessonIndex - 1);
            return Optional.of(new LessonStep(lessonIndex - 1, before.experiments.size() - 1));
        }
        return Optional.empty();
    }

    /**
     * Describes the step in two lines, for example "Lesson 1 fork, exec and the exit status · 2. A program
     * that does not exist" and "$ no-such-program".
     */
    String describe(List<Lesson> lessons) {
        Lesson lesson = lessons.get(lessonIndex);
        Experiment experiment = lesson.experiments.get(experimentIndex);
        return "Lesson " + lesson.number + " " + lesson.title + " · " + (experimentIndex + 1) + ". " + experiment.title
                + "\n$ " + experiment.command;
    }
}
