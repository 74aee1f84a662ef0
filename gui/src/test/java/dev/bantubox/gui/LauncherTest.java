package dev.bantubox.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The app's own command line: only {@code --lessons DIR}. */
class LauncherTest {
    @Test
    void lessonsOptionGivesFolder() {
        assertThat(Launcher.lessonsOption("--lessons", "/srv/workshop")).contains("/srv/workshop");
    }

    @Test
    void noArgumentsKeepShippedLessons() {
        assertThat(Launcher.lessonsOption()).isEmpty();
    }

    @Test
    void lessonsWithoutFolderIsRejected() {
        assertThatThrownBy(() -> Launcher.lessonsOption("--lessons"))
                .hasMessage("--lessons needs a folder, such as --lessons ~/my-lessons");
    }

    @Test
    void unknownOptionIsRejected() {
        assertThatThrownBy(() -> Launcher.lessonsOption("--zoom", "2"))
                .hasMessageStartingWith("unknown option '--zoom' for the app");
    }
}
