package dev.bantubox.engine.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.testing.TestHome;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every experiment of every shipped lesson on the real kernel and checks its expectation, so a
 * lesson that claims what the engine does not do fails the build. An experiment that needs an engine
 * feature this build lacks is reported as skipped with the reason.
 */
class LessonsCannotLieTest {
    /** Surefire runs in the module's folder; the lessons sit next to it. */
    private static final Path LESSONS = Path.of("..", "lessons");
    private static TestHome home;

    @BeforeAll
    static void createHome() {
        home = TestHome.create();
    }

    @AfterAll
    static void removeHome() {
        home.close();
    }

    static List<Arguments> experiments() {
        List<Arguments> all = new ArrayList<>();
        for (Lesson lesson : LessonLibrary.load(LESSONS).lessons()) {
            for (int i = 0; i < lesson.experiments.size(); i++) {
                all.add(Arguments.of(lesson.folder + " #" + (i + 1) + " " + lesson.experiments.get(i).title, lesson, i));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("experiments")
    void experimentMeetsItsExpectation(String name, Lesson lesson, int index) {
        Experiment experiment = lesson.experiments.get(index);
        ExperimentResult result = new ExperimentRunner(home.engine()).run(lesson, experiment);

        Assumptions.assumeTrue(result.skipped() == null, () -> name + " " + result.skipped());
        assertThat(result.failures()).as("%s: `%s`, output: %s", name, experiment.command, result.output()).isEmpty();
        assertThat(home.engine().containers().list()).as("containers left after %s", name).isEmpty();
        assertThat(home.mountsBelow()).as("mounts left below the test home after %s", name).isEmpty();
    }
}
