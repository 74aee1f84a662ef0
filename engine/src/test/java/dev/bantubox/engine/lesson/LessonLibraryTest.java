package dev.bantubox.engine.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bantubox.engine.host.HostCheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonLibraryTest {
    @Test
    void shippedLessonsLoadInOrder() {
        LessonLibrary library = LessonLibrary.load(Path.of("..", "lessons"));

        assertThat(library.lessons()).hasSize(14);
        for (int i = 0; i < library.lessons().size(); i++) {
            Lesson lesson = library.lessons().get(i);
            assertThat(lesson.number).as(lesson.folder).isEqualTo(i);
            assertThat(lesson.markdown).as(lesson.folder + " text").startsWith("# ");
        }
    }

    @Test
    void shippedLessonsNameTheirHostChecks() {
        LessonLibrary library = LessonLibrary.load(Path.of("..", "lessons"));

        assertThat(library.lessons().get(5).neededChecks()).containsExactly(HostCheck.OVERLAY);
        assertThat(library.lessons().get(9).neededChecks()).containsExactly(HostCheck.IPROUTE2);
        assertThat(library.lessons().get(12).neededChecks()).containsExactly(HostCheck.CGROUP_CONTROLLERS);
        assertThat(library.lessons().get(0).neededChecks()).isEmpty();
    }

    @Test
    void unknownHostCheckIsRejected(@TempDir Path folder) throws IOException {
        Path lesson = Files.createDirectory(folder.resolve("00-broken"));
        Files.writeString(lesson.resolve("lesson.md"), "# Broken\n");
        Files.writeString(lesson.resolve("lesson.json"), """
                {"number": 0, "title": "Broken", "toggles": [], "needsChecks": ["overlayfs"],
                 "experiments": [{"title": "t", "command": "true"}],
                 "checkpoint": {"question": "q", "choices": ["a", "b"], "answer": 0}}
                """);

        assertThatThrownBy(() -> LessonLibrary.load(folder))
                .hasMessageContaining("00-broken/lesson.json: unknown host check 'overlayfs'");
    }

    @Test
    void unknownToggleNamesFileAndExperiment(@TempDir Path folder) throws IOException {
        Path lesson = Files.createDirectory(folder.resolve("00-broken"));
        Files.writeString(lesson.resolve("lesson.md"), "# Broken\n");
        Files.writeString(lesson.resolve("lesson.json"), """
                {"number": 0, "title": "Broken", "toggles": [],
                 "experiments": [{"title": "t", "command": "true", "toggles": ["time-ns"]}],
                 "checkpoint": {"question": "q", "choices": ["a", "b"], "answer": 0}}
                """);

        assertThatThrownBy(() -> LessonLibrary.load(folder))
                .hasMessageContaining("00-broken/lesson.json: experiment 1: unknown toggle 'time-ns'");
    }

    @Test
    void checkpointAnswerOutOfRangeIsRejected(@TempDir Path folder) throws IOException {
        Path lesson = Files.createDirectory(folder.resolve("00-broken"));
        Files.writeString(lesson.resolve("lesson.md"), "# Broken\n");
        Files.writeString(lesson.resolve("lesson.json"), """
                {"number": 0, "title": "Broken", "toggles": [],
                 "experiments": [{"title": "t", "command": "true"}],
                 "checkpoint": {"question": "q", "choices": ["a", "b"], "answer": 2}}
                """);

        assertThatThrownBy(() -> LessonLibrary.load(folder)).hasMessageContaining("checkpoint \"answer\" 2");
    }
}
