package dev.bantubox.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.engine.testing.TestHome;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The double-chroot escape, compiled by the test into the image: it reaches a host file under CHROOT
 * and finds nothing under PIVOT_ROOT.
 */
class EscapeTest {
    private static TestHome home;
    private static Path marker;

    @BeforeAll
    static void compileEscapeIntoImage() throws IOException, InterruptedException {
        home = TestHome.create();
        marker = Files.createTempFile(home.root(), "host-marker-", ".txt");
        Path source = home.root().resolve("double_chroot.c");
        try (InputStream in = EscapeTest.class.getResourceAsStream("/escape/double_chroot.c")) {
            Files.copy(in, source);
        }
        Path binary = home.engine().images().resolve("busybox").rootfs().resolve("bin/double_chroot");
        Process gcc = new ProcessBuilder("gcc", "-static", "-O2", "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(gcc.exitValue()).as("gcc -static output: %s", output).isZero();
    }

    @AfterAll
    static void removeHome() {
        home.close();
    }

    private static RunOutcome runEscape(ToggleSet toggles) {
        return home.engine().runAndCapture(RunSpec.builder().toggles(toggles)
                .command("/bin/double_chroot", marker.toString()).removeOnExit(true).build());
    }

    @Test
    void escapeWorksUnderChroot() {
        RunOutcome outcome = runEscape(ToggleSet.of(EnumSet.of(Toggle.CHROOT)));

        assertThat(outcome.output().trim()).isEqualTo("escaped");
    }

    @Test
    void escapeWorksUnderChrootWithMountNamespace() {
        EnumSet<Toggle> chrootInstead = EnumSet.copyOf(ToggleSet.full().enabled());
        chrootInstead.remove(Toggle.PIVOT_ROOT);
        chrootInstead.add(Toggle.CHROOT);
        ToggleSet toggles = ToggleSet.of(chrootInstead);

        RunOutcome outcome = runEscape(toggles);

        assertThat(outcome.output().trim()).isEqualTo("escaped");
    }

    @Test
    void escapeFailsUnderPivotRoot() {
        RunOutcome outcome = runEscape(ToggleSet.full());

        assertThat(outcome.output().trim()).isEqualTo("contained");
        assertThat(marker).exists();
    }
}
