package dev.bantubox.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.engine.testing.TestHome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input gives a clear error with the right exit code and leaves no container, mount or folder behind. */
class BadInputTest {
    private static TestHome home;

    @BeforeAll
    static void createHome() {
        home = TestHome.create();
    }

    @AfterAll
    static void removeHome() {
        home.close();
    }

    @AfterEach
    void nothingLeftBehind() throws IOException {
        Path containers = home.root().resolve("containers");
        if (Files.isDirectory(containers)) {
            try (Stream<Path> entries = Files.list(containers)) {
                // The store's lock file (.lock) stays; every container folder must be gone.
                assertThat(entries.filter(path -> !path.getFileName().toString().startsWith(".")).toList())
                        .as("container folders").isEmpty();
            }
        }
        assertThat(home.mountsBelow()).as("mounts below BANTUBOX_HOME").isEmpty();
        try (Stream<Path> entries = Files.list(home.root().resolve("images"))) {
            assertThat(entries.map(path -> path.getFileName().toString()).toList()).as("image folders")
                    .allMatch(name -> name.equals("busybox") || name.equals(".lock"));
        }
    }

    private static EngineException failureOf(RunSpec.Builder spec) {
        EngineException failure = catchThrowableOfType(EngineException.class,
                () -> home.engine().runAndCapture(spec.removeOnExit(false).build()));
        assertThat(failure).as("expected the run to be rejected").isNotNull();
        return failure;
    }

    @Test
    void hostnameOfSixtyFiveCharacters() {
        EngineException failure = failureOf(RunSpec.builder().hostname("h".repeat(65)).command("true"));

        assertThat(failure.getMessage()).contains("65 characters", "at most 64");
        assertThat(failure.exitCode()).isEqualTo(125);
    }

    @Test
    void hostnameWithoutUtsNamespace() {
        EngineException failure = failureOf(RunSpec.builder().hostname("web")
                .toggles(ToggleSet.full().with(Toggle.UTS_NS, false)).command("true"));

        assertThat(failure.getMessage()).contains("a hostname needs UTS_NS", "drop --hostname");
        assertThat(failure.exitCode()).isEqualTo(125);
    }

    @Test
    void unknownImage() {
        EngineException failure = failureOf(RunSpec.builder().image("nosuchimage").command("true"));

        assertThat(failure.getMessage()).contains("image 'nosuchimage' not found", "bantubox images");
        assertThat(failure.exitCode()).isEqualTo(125);
    }

    @Test
    void imageNameWithSlash() {
        EngineException failure = failureOf(RunSpec.builder().image("library/busybox").command("true"));

        assertThat(failure.getMessage()).contains("may not contain '/' or '..'");
    }

    @Test
    void imageNameWithDotDot() {
        EngineException failure = failureOf(RunSpec.builder().image("..").command("true"));

        assertThat(failure.getMessage()).contains("may not contain '/' or '..'");
    }

    @Test
    void commandThatDoesNotExist() {
        EngineException failure = failureOf(RunSpec.builder().command("no-such-command"));

        assertThat(failure.exitCode()).isEqualTo(127);
        assertThat(failure.getMessage()).contains("'no-such-command' not found");
    }

    @Test
    void directoryAsCommand() {
        EngineException failure = failureOf(RunSpec.builder().command("/bin"));

        assertThat(failure.exitCode()).isEqualTo(126);
        assertThat(failure.getMessage()).contains("'/bin' cannot be executed");
    }

    @Test
    void workingDirectoryThatDoesNotExist() {
        EngineException failure = failureOf(RunSpec.builder().workingDirectory("/nowhere").command("true"));

        assertThat(failure.exitCode()).isEqualTo(125);
        assertThat(failure.getMessage()).contains("chdir(\"/nowhere\")", "ENOENT");
    }
}
