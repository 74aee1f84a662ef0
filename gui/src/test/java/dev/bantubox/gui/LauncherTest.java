package dev.bantubox.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The app's own command line: {@code --lessons DIR} and {@code --sandbox}. */
class LauncherTest {
    @Test
    void lessonsOptionGivesFolder() {
        assertThat(Launcher.parse("--lessons", "/srv/workshop").lessons()).contains("/srv/workshop");
    }

    @Test
    void noArgumentsKeepShippedLessons() {
        Launcher.Options options = Launcher.parse();

        assertThat(options.lessons()).isEmpty();
        assertThat(options.sandbox()).isFalse();
    }

    @Test
    void sandboxOptionOpensSandboxAlone() {
        Launcher.Options options = Launcher.parse("--sandbox", "--lessons", "/srv/workshop");

        assertThat(options.sandbox()).isTrue();
        assertThat(options.lessons()).contains("/srv/workshop");
    }

    @Test
    void lessonsWithoutFolderIsRejected() {
        assertThatThrownBy(() -> Launcher.parse("--lessons"))
                .hasMessage("--lessons needs a folder, such as --lessons ~/my-lessons");
    }

    @Test
    void unknownOptionIsRejected() {
        assertThatThrownBy(() -> Launcher.parse("--zoom", "2"))
                .hasMessageStartingWith("unknown option '--zoom' for the app");
    }
}
