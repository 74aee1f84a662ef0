package dev.bantubox.gui;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.lesson.LessonLibrary;
import dev.bantubox.gui.progress.ProgressStore;
import dev.bantubox.gui.theme.ThemeManager;

/**
 * The services the app's views and models share: the engine and the one executor that calls it, the
 * lessons, the learner's saved progress and the theme.
 */
public record AppContext(Engine engine, EngineExecutor executor, LessonLibrary lessons, ProgressStore progress,
                         ThemeManager theme) {

    /** Creates the context of a normal start: the engine on BANTUBOX_HOME and the launcher's lessons folder. */
    public static AppContext fromEnvironment() {
        return new AppContext(Engine.fromEnvironment(), new EngineExecutor(),
                LessonLibrary.load(LessonLibrary.defaultDirectory()), ProgressStore.forCurrentLearner(), new ThemeManager());
    }
}
