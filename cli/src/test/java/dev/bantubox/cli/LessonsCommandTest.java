package dev.bantubox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.util.TreeRemover;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bantubox lessons check} in a process of its own, on a home with the busybox image and a network
 * namespace of the test's own for the network lesson's bridge.
 */
class LessonsCommandTest {
    private static Path home;
    private static String network;

    @BeforeAll
    static void makeHome() throws Exception {
        assertThat(NativeLibraries.get().libc().geteuid()).as("lessons run containers, which needs root: sudo ./run-tests")
                .isZero();
        home = Files.createTempDirectory("bantubox-cli-lessons-");
        new Engine(new EngineHome(home)).images().resolve(ImageStore.DEFAULT_IMAGE);
        network = CliProcess.createNetworkNamespace();
    }

    @AfterAll
    static void removeHome() throws Exception {
        try {
            CliProcess.deleteNetworkNamespace(network);
        } finally {
            TreeRemover.remove(home);
        }
    }

    @Test
    void wrongExpectationFailsWithOutput(@TempDir Path lessons) throws Exception {
        Path lesson = Files.createDirectories(lessons.resolve("00-echo"));
        Files.writeString(lesson.resolve("lesson.md"), "# Echo\n\nA lesson whose expectation is wrong.\n",
                StandardCharsets.UTF_8);
        Files.writeString(lesson.resolve("lesson.json"), """
                {
                  "number": 0,
                  "title": "Echo",
                  "experiments": [
                    {"title": "Right", "command": "echo right", "expect": {"exitCode": 0, "output": "^right$"}},
                    {"title": "Wrong", "command": "echo hello-from-busybox", "expect": {"output": "^goodbye$"}}
                  ],
                  "checkpoint": {"question": "Which?", "choices": ["a", "b"], "answer": 0}
                }
                """, StandardCharsets.UTF_8);

        CliProcess.Result check = CliProcess.run(home, network, "lessons", "check", lessons.toString());

        assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isEqualTo(LessonsCommand.Check.FAILED);
        assertThat(check.stdout()).contains("ok      00-echo experiment 1 (Right)");
        assertThat(check.stdout()).contains("FAILED  00-echo experiment 2 (Wrong)");
        assertThat(check.stdout()).contains("  expectation failed: ");
        assertThat(check.stdout()).contains("^goodbye$");
        assertThat(check.stdout()).as("the output it got").contains("    hello-from-busybox");
        assertThat(check.stdout()).contains("1 passed, 1 failed, 0 skipped");
        assertThat(containerCount()).as("containers left in the home").isZero();
    }

    @Test
    void shippedLessonsPass() throws Exception {
        Path shipped = Path.of("..", "lessons").toAbsolutePath().normalize();

        CliProcess.Result check = CliProcess.run(home, network, "lessons", "check", shipped.toString());

        assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();
        assertThat(check.stdout()).contains(" 0 failed, ");
        assertThat(check.stdout()).doesNotContain("FAILED");
        assertThat(containerCount()).as("containers left in the home").isZero();
    }

    @Test
    void missingFolderIsRejected(@TempDir Path parent) throws Exception {
        Path missing = parent.resolve("no-such-lessons");

        CliProcess.Result check = CliProcess.run(home, network, "lessons", "check", missing.toString());

        assertThat(check.exitCode()).isNotZero();
        assertThat(check.stderr()).contains("lessons folder " + missing + " not found");
    }

    private static long containerCount() {
        return new Engine(new EngineHome(home)).list(true).size();
    }
}
