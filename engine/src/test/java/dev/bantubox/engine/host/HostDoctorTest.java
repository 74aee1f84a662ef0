package dev.bantubox.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.testing.TestMounts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host checks on the real kernel, as root, with BANTUBOX_HOME on file systems the tests mount:
 * a tmpfs, a shared tmpfs, and an overlay.
 */
class HostDoctorTest {
    private TestMounts mounts;

    @BeforeEach
    void createMounts() {
        mounts = TestMounts.create();
    }

    @AfterEach
    void removeMounts() {
        mounts.close();
    }

    @Test
    void reportListsEveryCheckInOrder() {
        EngineHome home = new EngineHome(mounts.tmpfs("home"));

        HostReport report = HostDoctor.withTrials(home).checkAll();

        assertThat(report.results()).extracting(CheckResult::check).containsExactly(HostCheck.values());
        assertThat(report.results()).allSatisfy(result -> assertThat(result.sentence()).isNotBlank());
        assertThat(report.results()).filteredOn(result -> result.status() != CheckStatus.OK)
                .allSatisfy(result -> assertThat(result.fix()).as(result.id()).isNotBlank());
    }

    @Test
    void trialsSucceedOnTmpfsHome() {
        EngineHome home = new EngineHome(mounts.tmpfs("home"));
        HostDoctor doctor = HostDoctor.withTrials(home);

        CheckResult overlay = doctor.check(HostCheck.OVERLAY);
        CheckResult pivotRoot = doctor.check(HostCheck.PIVOT_ROOT);
        CheckResult filesystem = doctor.check(HostCheck.HOME_FILESYSTEM);

        assertThat(overlay.status()).as(overlay.sentence()).isEqualTo(CheckStatus.OK);
        assertThat(overlay.sentence()).contains("trial overlay mount");
        assertThat(pivotRoot.status()).as(pivotRoot.sentence()).isEqualTo(CheckStatus.OK);
        assertThat(pivotRoot.sentence()).contains("trial pivot_root()");
        assertThat(filesystem.status()).as(filesystem.sentence()).isEqualTo(CheckStatus.OK);
        assertThat(filesystem.sentence()).contains("is on tmpfs").contains("fills in d_type");
    }

    @Test
    void trialsLeaveNoFolderOrMountBehind() throws IOException {
        Path root = mounts.tmpfs("home");
        List<MountInfo> before = mountsBelow(root);

        HostDoctor.withTrials(new EngineHome(root)).checkAll();

        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries.toList()).isEmpty();
        }
        assertThat(mountsBelow(root)).isEqualTo(before);
    }

    @Test
    void homeThatDoesNotExistIsRemovedAgain() {
        Path parent = mounts.tmpfs("parent");
        EngineHome home = new EngineHome(parent.resolve("not-made/home"));

        CheckResult overlay = HostDoctor.withTrials(home).check(HostCheck.OVERLAY);

        assertThat(overlay.status()).as(overlay.sentence()).isEqualTo(CheckStatus.OK);
        assertThat(parent.resolve("not-made")).doesNotExist();
    }

    @Test
    void homeOnOverlayFailsFilesystemAndOverlayChecks() {
        EngineHome home = new EngineHome(mounts.overlay("overlay").resolve("home"));

        HostReport report = HostDoctor.withTrials(home).checkAll();

        CheckResult filesystem = report.result(HostCheck.HOME_FILESYSTEM).orElseThrow();
        assertThat(filesystem.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(filesystem.sentence()).isEqualTo("BANTUBOX_HOME (" + home.root() + ") is on overlayfs, which cannot"
                + " be the upper layer of another overlay");
        assertThat(filesystem.fix()).isEqualTo("set BANTUBOX_HOME to a folder on ext4, xfs or tmpfs");
        CheckResult overlay = report.result(HostCheck.OVERLAY).orElseThrow();
        assertThat(overlay.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(overlay.sentence()).isEqualTo("a trial overlay mount in BANTUBOX_HOME failed with EINVAL, because"
                + " BANTUBOX_HOME is on overlayfs");
        assertThat(overlay.fix()).isEqualTo("set BANTUBOX_HOME to a folder on ext4, xfs or tmpfs");
        assertThat(report.hasFailures()).isTrue();
    }

    @Test
    void readOnlyDoctorJudgesOverlayHomeWithoutTrials() throws IOException {
        Path merged = mounts.overlay("overlay");
        EngineHome home = new EngineHome(merged.resolve("home"));

        CheckResult filesystem = HostDoctor.readOnly(home).check(HostCheck.HOME_FILESYSTEM);
        CheckResult overlay = HostDoctor.readOnly(home).check(HostCheck.OVERLAY);

        assertThat(filesystem.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(overlay.sentence()).isEqualTo("overlay is in /proc/filesystems");
        try (Stream<Path> entries = Files.list(merged)) {
            assertThat(entries.toList()).as("a read-only doctor makes no folder").isEmpty();
        }
    }

    @Test
    void readOnlyHomeFailsFilesystemCheck() {
        EngineHome home = new EngineHome(mounts.readOnlyTmpfs("read-only"));

        CheckResult filesystem = HostDoctor.withTrials(home).check(HostCheck.HOME_FILESYSTEM);

        assertThat(filesystem.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(filesystem.sentence())
                .isEqualTo("BANTUBOX_HOME (" + home.root() + ") cannot be written (Read-only file system)");
        CheckResult overlay = HostDoctor.withTrials(home).check(HostCheck.OVERLAY);
        assertThat(overlay.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(overlay.sentence()).contains("did not run").contains("see home-filesystem");
    }

    @Test
    void sharedHomeMountIsReportedShared() {
        Path shared = mounts.tmpfs("shared");
        mounts.makeShared(shared);
        EngineHome home = new EngineHome(shared.resolve("home"));

        CheckResult propagation = HostDoctor.withTrials(home).check(HostCheck.MOUNT_PROPAGATION);
        CheckResult pivotRoot = HostDoctor.withTrials(home).check(HostCheck.PIVOT_ROOT);

        assertThat(propagation.status()).isEqualTo(CheckStatus.OK);
        assertThat(propagation.sentence()).contains("BANTUBOX_HOME is on " + shared + " (tmpfs), which is shared");
        assertThat(pivotRoot.status()).as(pivotRoot.sentence()).isEqualTo(CheckStatus.OK);
    }

    private static List<MountInfo> mountsBelow(Path folder) {
        return MountInfo.readSelf().stream()
                .filter(mount -> mount.mountPoint().startsWith(folder + "/"))
                .toList();
    }
}
