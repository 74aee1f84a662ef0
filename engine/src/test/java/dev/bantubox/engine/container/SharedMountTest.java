package dev.bantubox.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.host.MountInfo;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.network.NetworkSettings;
import dev.bantubox.engine.plan.MountFlags;
import dev.bantubox.engine.testing.TestHome;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** pivot_root refuses a new root below a shared mount; the plan's MS_PRIVATE step makes it work anyway. */
class SharedMountTest {

    @Test
    void pivotRootWorksBelowSharedTmpfs() throws Exception {
        try (TestHome home = TestHome.create()) {
            Path shared = home.root().resolve("shared");
            java.nio.file.Files.createDirectory(shared);
            var libc = NativeLibraries.get().libc();
            assertThat(libc.mount("tmpfs", shared.toString(), "tmpfs", 0, "size=64m")).isZero();
            try {
                assertThat(libc.mount("", shared.toString(), "", MountFlags.MS_SHARED.bit(), null)).isZero();
                assertThat(propagationOf(shared)).isEqualTo("shared");
                Process copy = new ProcessBuilder("cp", "-a", home.root().resolve("images").toString(),
                        shared.resolve("images").toString()).inheritIO().start();
                assertThat(copy.waitFor(1, TimeUnit.MINUTES) && copy.exitValue() == 0).isTrue();
                Engine engine = new Engine(new EngineHome(shared),
                        NetworkSettings.defaults().inNamespace(home.network().name()));

                RunOutcome outcome = engine.runAndCapture(RunSpec.builder().command("sh", "-c", "echo inside")
                        .removeOnExit(true).build());

                assertThat(outcome.output().trim()).isEqualTo("inside");
                assertThat(outcome.journal()).anyMatch(record -> record.call().startsWith("pivot_root(") && !record.failed());
                List<MountInfo> leftovers = MountInfo.readSelf().stream()
                        .filter(mount -> mount.mountPoint().startsWith(shared + "/")).toList();
                assertThat(leftovers).as("mounts left below the shared tmpfs").isEmpty();
            } finally {
                libc.umount2(shared.toString(), (int) MountFlags.MNT_DETACH);
            }
        }
    }

    private static String propagationOf(Path mountPoint) {
        return MountInfo.readSelf().stream().filter(mount -> mount.mountPoint().equals(mountPoint.toString()))
                .reduce((first, second) -> second).orElseThrow().propagation();
    }
}
