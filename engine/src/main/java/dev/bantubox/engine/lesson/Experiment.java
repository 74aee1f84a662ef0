package dev.bantubox.engine.lesson;

import dev.bantubox.engine.plan.ToggleSet;

import java.util.ArrayList;
import java.util.List;

/** One thing to try in a lesson: a command, the toggles it runs with, and what must come out. */
public final class Experiment {
    public String title;
    /** The command as the learner types it; split like a shell does (quotes, backslashes), no expansion. */
    public String command;
    /** The toggles for this experiment; null means the lesson's own. */
    public List<String> toggles;
    /** Tools from native/build.sh to copy into the container's /usr/local/bin, such as chroot-escape. */
    public List<String> tools = new ArrayList<>();
    /** A toggle to run the experiment with and without, timing both launches (for example overlay). */
    public String compareToggle;
    /** Engine features this experiment needs that the engine may not have yet, such as cgroups. */
    public List<String> requires = new ArrayList<>();
    /** Options for those features (for example "memory": "32m"), applied once the engine has them. */
    public java.util.Map<String, String> runOptions = new java.util.LinkedHashMap<>();
    public Expectation expect = new Expectation();
    /** A hint on where to look in the output and the diagrams after the run. */
    public String lookFor;

    /** The toggles this experiment runs with, given its lesson's. */
    public ToggleSet toggleSet(Lesson lesson) {
        return toggles == null ? lesson.toggleSet() : Lesson.parseToggles(toggles);
    }

    /** The command's arguments. */
    public List<String> arguments() {
        return CommandSplitter.split(command);
    }
}
