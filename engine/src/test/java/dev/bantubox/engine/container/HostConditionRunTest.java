package dev.bantubox.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.host.MountInfo;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.engine.testing.TestHome;
import dev.bantubox.engine.testing.TestMounts;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs with BANTUBOX_HOME on file systems that break container engines on ordinary machines, each
 * mounted by the test: an overlay (which cannot hold another overlay's upper layer) and a shared tmpfs
 * (below which mounts propagate and pivot_root() refuses to work).
 */
class HostConditionRunTest {
    private TestMounts mounts;
    private TestHome home;

    @BeforeEach
    void createMounts() {
        mounts = TestMounts.create();
    }

    @AfterEach
    void removeHomeAndMounts() {
        try {
            if (home != null) {
                home.close();
            }
        } finally {
            mounts.close();
        }
    }

    @Test
    void overlayHomeRunNamesTheFix() {
        home = TestHome.createIn(mounts.overlay("overlay"));

        assertThatThrownBy(() -> home.engine().runAndCapture(RunSpec.of("/bin/true")))
                .isInstanceOf(EngineException.class)
                .hasMessage("overlay mount failed: BANTUBOX_HOME (" + home.root() + ") is on overlayfs, which cannot"
                        + " be the upper layer of another overlay; set BANTUBOX_HOME to a folder on ext4, xfs or tmpfs");
        assertThat(home.engine().containers().list()).as("the failed container is removed").isEmpty();
    }

    @Test
    void overlayHomeRunsWithoutOverlayToggle() {
        home = TestHome.createIn(mounts.overlay("overlay"));
        RunSpec copyInstead = RunSpec.builder().command("/bin/echo", "copied").removeOnExit(true)
                .toggles(ToggleSet.of(withoutOverlay())).build();

        RunOutcome outcome = home.engine().runAndCapture(copyInstead);

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).isEqualTo("copied\n");
    }

    @Test
    void sharedTmpfsHomeRunWorks() {
        Path shared = mounts.tmpfs("shared");
        mounts.makeShared(shared);
        home = TestHome.createIn(shared);
        List<MountInfo> before = mountsBelow(shared);

        RunOutcome outcome = home.engine().runAndCapture(RunSpec.of("/bin/sh", "-c",
                "mkdir /tmp/inner && mount -t tmpfs none /tmp/inner && echo ok"));

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).isEqualTo("ok\n");
        assertThat(outcome.journal()).anySatisfy(record -> assertThat(record.call()).startsWith("pivot_root("));
        assertThat(mountsBelow(shared)).as("no mount of the container reached the host's shared tmpfs")
                .isEqualTo(before);
    }

    private static Set<Toggle> withoutOverlay() {
        Set<Toggle> toggles = EnumSet.copyOf(ToggleSet.full().enabled());
        toggles.remove(Toggle.OVERLAY);
        return toggles;
    }

    private static List<MountInfo> mountsBelow(Path folder) {
        return MountInfo.readSelf().stream().filter(mount -> mount.mountPoint().startsWith(folder + "/")).toList();
    }
}
