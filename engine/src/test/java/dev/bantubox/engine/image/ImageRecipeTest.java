package dev.bantubox.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.testing.TestHome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The built-in image recipes, each run for real into an empty BANTUBOX_HOME. */
class ImageRecipeTest {

    @Test
    void busyboxFromHostStaticBinaryRuns() throws Exception {
        try (TestHome home = TestHome.createEmpty()) {
            home.engine().images().setDownloadAllowed(false);

            Image image = home.engine().images().resolve(ImageStore.DEFAULT_IMAGE);
            RunOutcome outcome = home.engine().runAndCapture(RunSpec.builder().command("busybox", "--help")
                    .removeOnExit(true).build());

            assertThat(image.source()).startsWith("static busybox on the host");
            assertThat(image.rootfs().resolve("bin/sh")).isSymbolicLink();
            assertThat(outcome.output()).contains("BusyBox v");
        }
    }

    @Test
    void busyboxImageHasNoHalfBuildLeft() throws Exception {
        try (TestHome home = TestHome.create()) {
            try (Stream<Path> entries = Files.list(home.root().resolve("images"))) {
                assertThat(entries.map(path -> path.getFileName().toString()))
                        .noneMatch(name -> name.startsWith(".build-"));
            }
            assertThat(home.engine().images().list()).extracting(Image::name).containsExactly("busybox");
        }
    }

    @Test
    void starterImageFromHostProgramsRuns() throws Exception {
        try (TestHome home = TestHome.createEmpty()) {
            Image image = home.engine().images().resolve(ImageStore.STARTER_IMAGE);

            RunOutcome outcome = home.engine().runAndCapture(RunSpec.builder().image("starter")
                    .command("sh", "-c", "hostname; ls /bin | wc -l").removeOnExit(true).build());

            assertThat(image.rootfs().resolve("etc/bantubox-image")).content().startsWith("starter:");
            assertThat(outcome.exitCode()).as("output: %s", outcome.output()).isZero();
            assertThat(outcome.output().lines().findFirst().orElseThrow()).isEqualTo(outcome.containerId().substring(0, 12));
        }
    }

    @Test
    void imageStoreRemovesAnImage() throws Exception {
        try (TestHome home = TestHome.create()) {
            home.engine().images().remove("busybox");

            assertThat(home.engine().images().list()).isEmpty();
            assertThat(home.root().resolve("images/busybox")).doesNotExist();
        }
    }
}
