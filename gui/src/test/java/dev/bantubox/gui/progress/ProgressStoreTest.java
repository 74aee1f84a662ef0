package dev.bantubox.gui.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressStoreTest {
    @Test
    void savedProgressLoadsBack(@TempDir Path folder) throws IOException {
        ProgressStore store = ProgressStore.at(folder.resolve("data/bantubox/progress.json"));
        LearnerProgress progress = new LearnerProgress();
        progress.checkpointAnswers.put("02-chroot", 1);
        progress.markPassed("02-chroot", 2);
        progress.markPassed("02-chroot", 0);
        progress.lastLesson = "02-chroot";

        store.save(progress);
        LearnerProgress loaded = store.load();

        assertThat(loaded.checkpointAnswers).containsEntry("02-chroot", 1);
        assertThat(loaded.passed("02-chroot")).containsExactly(0, 2);
        assertThat(loaded.lastLesson).isEqualTo("02-chroot");
    }

    @Test
    void passedExperimentIsRecordedOnce() {
        LearnerProgress progress = new LearnerProgress();

        assertThat(progress.markPassed("05-overlay", 1)).isTrue();
        assertThat(progress.markPassed("05-overlay", 1)).isFalse();
        assertThat(progress.passed("05-overlay")).containsExactly(1);
    }

    @Test
    void damagedFileStartsAfresh(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("progress.json"), "{ not json");

        LearnerProgress loaded = ProgressStore.at(file).load();

        assertThat(loaded.checkpointAnswers).isEmpty();
        assertThat(loaded.passedExperiments).isEmpty();
    }

    @Test
    void sudoLearnerOwnsFileAndFolders(@TempDir Path folder) throws IOException {
        ProgressStore store = new ProgressStore(folder.resolve("home/.local/share/bantubox/progress.json"),
                new ProgressStore.Owner(4242, 4343));

        store.save(new LearnerProgress());

        for (Path path : new Path[] {folder.resolve("home"), folder.resolve("home/.local/share/bantubox"), store.file()}) {
            assertThat(Files.getAttribute(path, "unix:uid")).as("owner of %s", path).isEqualTo(4242);
            assertThat(Files.getAttribute(path, "unix:gid")).as("group of %s", path).isEqualTo(4343);
        }
    }

    @Test
    void homeOfRootComesFromPasswd() {
        assertThat(ProgressStore.homeOf("root")).contains(Path.of("/root"));
        assertThat(ProgressStore.homeOf("no-such-user-here")).isEmpty();
    }
}
