package dev.bantubox.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.EngineHome;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The file system checks on mount tables of other hosts: a chroot, an initramfs root, network and
 * FAT homes, and propagation. The scans run no trials, so only the mount table decides.
 */
class FilesystemChecksTest {
    private static final String EXT4_ROOT = "27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw";
    /** A home folder that does not exist, so the checks judge the file system of "/". */
    private static final EngineHome HOME = new EngineHome(Path.of("/nonexistent-bantubox-test/home"));

    @Test
    void pivotRootFailsInChroot() {
        HostScan scan = scanOf(List.of("40 27 0:40 / /proc rw - proc proc rw"));

        CheckResult result = FilesystemChecks.pivotRoot(scan);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.sentence()).contains("chroot");
        assertThat(result.fix()).contains("--chroot");
    }

    @Test
    void pivotRootWarnsOnRamfsRoot() {
        HostScan scan = scanOf(List.of("1 0 0:1 / / rw - rootfs rootfs rw"));

        CheckResult result = FilesystemChecks.pivotRoot(scan);

        assertThat(result.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(result.sentence()).contains("initial ramfs");
    }

    @Test
    void pivotRootWithoutTrialIsOk() {
        CheckResult result = FilesystemChecks.pivotRoot(scanOf(List.of(EXT4_ROOT)));

        assertThat(result.status()).isEqualTo(CheckStatus.OK);
        assertThat(result.sentence()).isEqualTo("/ is on ext4, which pivot_root() can move");
    }

    @Test
    void homeOnNfsFails() {
        CheckResult result = FilesystemChecks.homeFilesystem(
                scanOf(List.of("27 1 0:50 / / rw - nfs4 server:/export rw")));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.sentence()).contains("is on nfs4, which overlayfs cannot use as its upper layer");
        assertThat(result.fix()).isEqualTo(FilesystemChecks.MOVE_HOME);
    }

    @Test
    void homeOnVfatFails() {
        CheckResult result = FilesystemChecks.homeFilesystem(
                scanOf(List.of("27 1 8:1 / / rw - vfat /dev/sda1 rw")));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.sentence()).contains("symlinks, owners and device nodes");
    }

    @Test
    void propagationNamesBothMounts() {
        // The scan resolves the home on the real file system, so the home lies below /tmp, which exists.
        HostScan scan = new HostScan(new EngineHome(Path.of("/tmp/nonexistent-bantubox-test/home")), List.of(
                MountInfo.parse(EXT4_ROOT),
                MountInfo.parse("50 27 0:50 / /tmp rw master:3 - xfs /dev/vdb rw")), 0, false);

        CheckResult result = FilesystemChecks.propagation(scan);

        assertThat(result.status()).isEqualTo(CheckStatus.OK);
        assertThat(result.sentence()).startsWith("/ is shared and BANTUBOX_HOME is on /tmp (xfs), which is slave;");
    }

    private static HostScan scanOf(List<String> mountinfoLines) {
        return new HostScan(HOME, mountinfoLines.stream().map(MountInfo::parse).toList(), 0, false);
    }
}
