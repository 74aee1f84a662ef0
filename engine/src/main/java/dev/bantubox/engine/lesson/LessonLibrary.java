package dev.bantubox.engine.lesson;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import dev.bantubox.engine.inspect.NamespaceSnapshot;
import dev.bantubox.engine.plan.Toggle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * The lessons of one folder: every subfolder {@code NN-name/} with a lesson.json and a lesson.md,
 * in the order of their names. Loading checks each lesson and names the file and field that is wrong.
 */
public final class LessonLibrary {
    private static final Pattern FOLDER = Pattern.compile("\\d{2}-[a-z0-9-]+");
    private final Path directory;
    private final List<Lesson> lessons;

    private LessonLibrary(Path directory, List<Lesson> lessons) {
        this.directory = directory;
        this.lessons = List.copyOf(lessons);
    }

    /** Loads and checks every lesson below directory. */
    public static LessonLibrary load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("lessons folder " + directory + " not found: give the folder that"
                    + " holds 00-.../lesson.json and the rest");
        }
        List<Lesson> lessons = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path folder : entries.sorted().toList()) {
                if (Files.isDirectory(folder) && FOLDER.matcher(folder.getFileName().toString()).matches()) {
                    lessons.add(loadLesson(folder));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list lessons in " + directory, e);
        }
        if (lessons.isEmpty()) {
            throw new IllegalArgumentException("no lessons in " + directory + ": expected folders such as 00-container");
        }
        return new LessonLibrary(directory, lessons);
    }

    /**
     * Returns the lessons folder the app and the CLI use: the {@code bantubox.lessons} system property, else
     * {@code lessons/} in the working directory.
     */
    public static Path defaultDirectory() {
        String configured = System.getProperty("bantubox.lessons");
        return Path.of(configured == null || configured.isBlank() ? "lessons" : configured).toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    public List<Lesson> lessons() {
        return lessons;
    }

    private static Lesson loadLesson(Path folder) {
        Path json = folder.resolve("lesson.json");
        Path markdown = folder.resolve("lesson.md");
        Lesson lesson;
        try {
            lesson = new Gson().fromJson(Files.readString(json, StandardCharsets.UTF_8), Lesson.class);
            lesson.markdown = Files.readString(markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lesson " + folder + " (it needs lesson.json and lesson.md)", e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(json + " is not valid lesson JSON: " + e.getMessage(), e);
        }
        lesson.folder = folder.getFileName().toString();
        check(lesson, json);
        return lesson;
    }

    private static void check(Lesson lesson, Path json) {
        String where = json + ": ";
        require(lesson.title != null && !lesson.title.isBlank(), where + "\"title\" is missing");
        require(!lesson.experiments.isEmpty(), where + "a lesson needs at least one experiment");
        try {
            lesson.toggleSet();
            lesson.ownToggleSet();
            lesson.neededChecks();
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException(where + invalid.getMessage(), invalid);
        }
        require(lesson.toggles.containsAll(lesson.ownToggles), where + "every entry of \"ownToggles\" must also be"
                + " in \"toggles\"");
        Lesson.Checkpoint checkpoint = lesson.checkpoint;
        require(checkpoint != null && checkpoint.question != null && checkpoint.choices.size() >= 2,
                where + "\"checkpoint\" needs a question and at least two choices");
        require(checkpoint.answer >= 0 && checkpoint.answer < checkpoint.choices.size(),
                where + "checkpoint \"answer\" " + checkpoint.answer + " is not an index into its choices");
        for (int i = 0; i < lesson.experiments.size(); i++) {
            checkExperiment(lesson, lesson.experiments.get(i), where + "experiment " + (i + 1) + ": ");
        }
    }

    private static void checkExperiment(Lesson lesson, Experiment experiment, String where) {
        require(experiment.title != null && experiment.command != null, where + "\"title\" and \"command\" are required");
        try {
            experiment.arguments();
            experiment.toggleSet(lesson);
            if (experiment.compareToggle != null) {
                Toggle.parse(experiment.compareToggle);
            }
            compile(experiment.expect.output);
            compile(experiment.expect.outputAbsent);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException(where + invalid.getMessage(), invalid);
        }
        for (String type : concat(experiment.expect.namespacesDiffer, experiment.expect.namespacesMatch)) {
            require(NamespaceSnapshot.TYPES.contains(type), where + "unknown namespace type '" + type + "': expected one of "
                    + NamespaceSnapshot.TYPES);
        }
        for (String feature : experiment.requires) {
            require(EngineFeatures.KNOWN.contains(feature), where + "unknown feature '" + feature + "' in \"requires\":"
                    + " expected one of " + EngineFeatures.KNOWN);
        }
    }

    private static void compile(String regex) {
        if (regex == null) {
            return;
        }
        try {
            Pattern.compile(regex, Pattern.MULTILINE);
        } catch (PatternSyntaxException invalid) {
            throw new IllegalArgumentException("invalid pattern '" + regex + "': " + invalid.getDescription());
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
