package dev.bantubox.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bantubox.engine.container.ContainerStore;
import dev.bantubox.engine.util.TreeRemover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ext4's top-directory attribute on the container store's folder, set through FS_IOC_SETFLAGS. */
class TopDirectoryFlagTest {
    @Test
    void setMarksExtFolder(@TempDir Path folder) throws IOException {
        assumeTrue(Files.getFileStore(folder).type().startsWith("ext"), "the temporary folder is not on ext2/3/4");

        assertThat(TopDirectoryFlag.isSet(folder)).isFalse();
        assertThat(TopDirectoryFlag.set(folder)).isTrue();
        assertThat(TopDirectoryFlag.isSet(folder)).isTrue();
    }

    @Test
    void setReportsTmpfsHasNoAttribute() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.getFileStore(shm).type().equals("tmpfs"), "no tmpfs at /dev/shm");
        Path folder = Files.createTempDirectory(shm, "bantubox-topdir-");
        try {
            assertThat(TopDirectoryFlag.set(folder)).isFalse();
            assertThat(TopDirectoryFlag.isSet(folder)).isFalse();
        } finally {
            TreeRemover.remove(folder);
        }
    }

    @Test
    void containerStoreMarksItsFolder(@TempDir Path home) throws IOException {
        assumeTrue(Files.getFileStore(home).type().startsWith("ext"), "the temporary folder is not on ext2/3/4");
        ContainerStore store = new ContainerStore(home.resolve("containers"));

        Path folder = store.createFolder(store.newId());

        assertThat(TopDirectoryFlag.isSet(store.directory())).isTrue();
        assertThat(TopDirectoryFlag.isSet(folder)).as("only the store's own folder").isFalse();
    }
}
