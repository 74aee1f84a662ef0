package dev.bantubox.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.engine.testing.TestHome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddedFileTest {
    private static TestHome home;

    @BeforeAll
    static void createHome() {
        home = TestHome.create();
    }

    @AfterAll
    static void removeHome() {
        home.close();
    }

    @Test
    void fileAppearsInsideOverlayAndCopy(@TempDir Path folder) throws IOException {
        Path note = Files.writeString(folder.resolve("note"), "from the host\n");
        ToggleSet copy = ToggleSet.of(EnumSet.of(Toggle.CHROOT));

        for (ToggleSet toggles : new ToggleSet[] {ToggleSet.full(), copy}) {
            RunOutcome outcome = home.engine().runAndCapture(RunSpec.builder().toggles(toggles)
                    .command("cat", "/usr/local/share/note").addFile(note, "/usr/local/share/note").removeOnExit(true).build());

            assertThat(outcome.output()).as("with %s", toggles).isEqualTo("from the host\n");
            assertThat(outcome.journal()).as("with %s", toggles)
                    .anySatisfy(record -> assertThat(record.call()).startsWith("copy(\"" + note + "\""));
        }
    }

    @Test
    void hostRootRejectsAddedFiles(@TempDir Path folder) throws IOException {
        Path note = Files.writeString(folder.resolve("note"), "x");
        RunSpec spec = RunSpec.builder().toggles(ToggleSet.none()).command("true").addFile(note, "/tmp/note")
                .removeOnExit(true).build();

        assertThatThrownBy(() -> home.engine().runAndCapture(spec)).isInstanceOf(EngineException.class)
                .hasMessageContaining("switch CHROOT or PIVOT_ROOT on");
        assertThat(home.engine().containers().list()).isEmpty();
    }

    @Test
    void relativeOrEscapingPathIsRejected() {
        assertThatThrownBy(() -> RunSpec.builder().addFile(Path.of("/etc/hostname"), "etc/x"))
                .hasMessageContaining("not an absolute path");
        assertThatThrownBy(() -> RunSpec.builder().addFile(Path.of("/etc/hostname"), "/tmp/../../x"))
                .hasMessageContaining("without '..'");
    }
}
