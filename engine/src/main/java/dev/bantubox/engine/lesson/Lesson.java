package dev.bantubox.engine.lesson;

import dev.bantubox.engine.host.HostCheck;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One lesson, read from {@code lessons/NN-name/lesson.json} with its text from {@code lesson.md}.
 * Field names are the JSON keys.
 */
public final class Lesson {
    public int number;
    public String title;
    /** Every toggle that is on in this lesson, the earlier lessons' ones included. */
    public List<String> toggles = new ArrayList<>();
    /** The toggles this lesson adds, which the app highlights. */
    public List<String> ownToggles = new ArrayList<>();
    public List<Experiment> experiments = new ArrayList<>();
    public Checkpoint checkpoint;
    /**
     * The host checks (ids of {@code bantubox doctor}, such as overlay) this lesson's experiments need. When
     * one fails on the learner's machine, the app shows a warning at the top of the lesson.
     */
    public List<String> needsChecks = new ArrayList<>();
    /** Notes for an instructor presenting the lesson; not shown to learners. */
    public String instructorNotes;

    /** The folder name, for example 02-chroot; set by the loader. */
    public transient String folder;
    /** The lesson text in Markdown; set by the loader. */
    public transient String markdown;

    /** Returns the host checks the lesson needs; throws IllegalArgumentException on an unknown id. */
    public List<HostCheck> neededChecks() {
        return needsChecks.stream().map(HostCheck::fromId).toList();
    }

    /** The lesson's toggles as a checked set. */
    public ToggleSet toggleSet() {
        return parseToggles(toggles);
    }

    /** The toggles this lesson adds. */
    public Set<Toggle> ownToggleSet() {
        Set<Toggle> own = EnumSet.noneOf(Toggle.class);
        for (String name : ownToggles) {
            own.add(Toggle.parse(name));
        }
        return own;
    }

    static ToggleSet parseToggles(List<String> names) {
        Set<Toggle> set = EnumSet.noneOf(Toggle.class);
        for (String name : names) {
            set.add(Toggle.parse(name));
        }
        return ToggleSet.of(set);
    }

    /** A multiple-choice question the learner answers before running the lesson's experiments. */
    public static final class Checkpoint {
        public String question;
        public List<String> choices = new ArrayList<>();
        /** The index of the right choice in choices. */
        public int answer;
        /** Why that choice is right, shown once the learner has answered. */
        public String explanation;
    }
}
