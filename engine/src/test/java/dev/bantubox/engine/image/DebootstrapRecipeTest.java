package dev.bantubox.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.testing.TestHome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The debian recipe for real: debootstrap --variant=minbase downloads the host's Debian release from
 * the Debian mirror, so this test needs that mirror. The recipe packs the tree, and the store imports
 * the tar.
 */
class DebootstrapRecipeTest {
    private TestHome home;

    @BeforeEach
    void createHome() {
        home = TestHome.createEmpty();
    }

    @AfterEach
    void removeHome() {
        home.close();
    }

    @Test
    void debianBuildRunsApt() {
        List<String> output = new CopyOnWriteArrayList<>();

        Image image = home.engine().images().build("debian", "debian", Map.of(), output::add);

        assertThat(image.source()).contains("--variant=minbase").contains("(debian)");
        assertThat(output).anyMatch(line -> line.startsWith("unpacked rootfs.tar:") && line.contains("device node"));
        RunOutcome outcome = home.engine().runAndCapture(RunSpec.builder().image("debian").removeOnExit(true)
                .command("/bin/sh", "-c", "cat /etc/debian_version; apt-get --version;"
                        + " dpkg-query -W -f='${Status}\\n' base-files")
                .build());
        assertThat(outcome.exitCode()).as("output: %s", outcome.output()).isZero();
        assertThat(outcome.output()).containsPattern("(?m)^\\d+\\.\\d+|^[a-z]+/sid");
        assertThat(outcome.output()).contains("apt ");
        assertThat(outcome.output()).contains("install ok installed");
        assertThat(home.mountsBelow()).as("mounts debootstrap left").isEmpty();
        assertNoTemporaryFolders();
    }

    @Test
    void unknownSuiteLeavesNoImage() {
        Map<String, String> settings = Map.of("BANTUBOX_SUITE", "no-such-suite");

        assertThatThrownBy(() -> home.engine().images().build("debian", "debian", settings, line -> { }))
                .isInstanceOf(EngineException.class).hasMessageContaining("does not know the suite 'no-such-suite'");

        assertThat(home.engine().images().list()).isEmpty();
        assertNoTemporaryFolders();
    }

    private void assertNoTemporaryFolders() {
        try (Stream<Path> entries = Files.list(home.root().resolve("images"))) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(".") && !name.equals(".lock"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
