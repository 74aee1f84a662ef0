package dev.bantubox.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The mount that contains a path: the deepest mount point, and of stacked mounts the one on top. */
class HostScanTest {
    private static final List<MountInfo> MOUNTS = List.of(
            MountInfo.parse("27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw"),
            MountInfo.parse("40 27 0:40 / /srv/data rw,relatime - xfs /dev/vdb rw"),
            MountInfo.parse("41 27 0:41 / /srv/database rw,relatime - ext4 /dev/vdc rw"),
            MountInfo.parse("42 40 0:42 / /srv/data rw,relatime - tmpfs tmpfs rw"));

    @Test
    void deepestMountPointHoldsThePath() {
        assertThat(HostScan.mountContaining(MOUNTS, Path.of("/var/lib/bantubox")).orElseThrow().id()).isEqualTo(27);
        assertThat(HostScan.mountContaining(MOUNTS, Path.of("/srv/database/x")).orElseThrow().id()).isEqualTo(41);
    }

    @Test
    void prefixOfAnotherNameIsNotAParent() {
        assertThat(HostScan.mountContaining(MOUNTS, Path.of("/srv/datab")).orElseThrow().id()).isEqualTo(27);
    }

    @Test
    void lastOfStackedMountsIsOnTop() {
        assertThat(HostScan.mountContaining(MOUNTS, Path.of("/srv/data/home")).orElseThrow().type()).isEqualTo("tmpfs");
        assertThat(HostScan.mountContaining(MOUNTS, Path.of("/srv/data")).orElseThrow().id()).isEqualTo(42);
    }
}
