package dev.bantubox.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** The cgroup layout as mountinfo and /proc/self/cgroup of unified, hybrid, v1 and container hosts give it. */
class CgroupLayoutTest {
    private static final String UNIFIED_MOUNT =
            "35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate";

    @Test
    void unifiedHostPutsEveryControllerOnV2() {
        List<MountInfo> mounts = List.of(MountInfo.parse(UNIFIED_MOUNT));
        Map<Path, String> files = Map.of(Path.of("/sys/fs/cgroup/cgroup.controllers"), "cpuset cpu io memory pids\n");

        CgroupLayout layout = CgroupLayout.parse(mounts, "0::/user.slice/user-1000.slice/session-2.scope\n",
                reader(files));

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.V2);
        assertThat(layout.controllers()).extracting(CgroupLayout.Controller::name)
                .containsExactly("cpuset", "cpu", "io", "memory", "pids");
        assertThat(layout.controller("memory").orElseThrow().version()).isEqualTo(2);
        assertThat(layout.unifiedCgroup()).isEqualTo(Path.of("/sys/fs/cgroup/user.slice/user-1000.slice/session-2.scope"));
        assertThat(layout.controller("memory").orElseThrow().ownCgroup()).isEqualTo(layout.unifiedCgroup());
    }

    @Test
    void hybridHostDecidesPerController() {
        List<MountInfo> mounts = List.of(
                MountInfo.parse("31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755"),
                MountInfo.parse("32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct"),
                MountInfo.parse("35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory"),
                MountInfo.parse("40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd"),
                MountInfo.parse("41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw"));
        String own = "9:name=systemd:/\n4:memory:/process_api/abc\n2:cpu,cpuacct:/\n0::/\n";
        Map<Path, String> files = Map.of(Path.of("/sys/fs/cgroup/unified/cgroup.controllers"), "hugetlb\n");

        CgroupLayout layout = CgroupLayout.parse(mounts, own, reader(files));

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.HYBRID);
        assertThat(layout.controllers()).extracting(CgroupLayout.Controller::name)
                .containsExactly("cpu", "cpuacct", "memory", "hugetlb");
        assertThat(layout.controller("cpu").orElseThrow().version()).isEqualTo(1);
        assertThat(layout.controller("hugetlb").orElseThrow().version()).isEqualTo(2);
        assertThat(layout.controller("memory").orElseThrow().ownCgroup())
                .isEqualTo(Path.of("/sys/fs/cgroup/memory/process_api/abc"));
        assertThat(layout.controller("cpu").orElseThrow().ownCgroup()).isEqualTo(Path.of("/sys/fs/cgroup/cpu,cpuacct"));
        assertThat(layout.controller("name=systemd")).isEmpty();
        assertThat(layout.controller("xattr")).isEmpty();
        assertThat(layout.unifiedRoot()).isEqualTo(Path.of("/sys/fs/cgroup/unified"));
    }

    @Test
    void legacyHostWithoutCgroup2IsV1() {
        List<MountInfo> mounts = List.of(
                MountInfo.parse("39 31 0:36 / /sys/fs/cgroup/pids rw,nosuid - cgroup cgroup rw,pids"));

        CgroupLayout layout = CgroupLayout.parse(mounts, "5:pids:/user.slice\n", reader(Map.of()));

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.V1);
        assertThat(layout.unifiedRoot()).isNull();
        assertThat(layout.controller("pids").orElseThrow().ownCgroup()).isEqualTo(Path.of("/sys/fs/cgroup/pids/user.slice"));
    }

    @Test
    void containerSeesOnlyItsSubtree() {
        // A container runtime bind-mounts the container's own cgroup at /sys/fs/cgroup, read-only; the
        // mount's root field is that cgroup's path on the host.
        List<MountInfo> mounts = List.of(MountInfo.parse(
                "600 590 0:30 /system.slice/docker-1.scope /sys/fs/cgroup ro,nosuid - cgroup2 cgroup2 rw"));
        Map<Path, String> files = Map.of(Path.of("/sys/fs/cgroup/cgroup.controllers"), "memory pids\n");

        CgroupLayout layout = CgroupLayout.parse(mounts, "0::/system.slice/docker-1.scope\n", reader(files));

        CgroupLayout.Controller memory = layout.controller("memory").orElseThrow();
        assertThat(memory.ownCgroup()).isEqualTo(Path.of("/sys/fs/cgroup"));
        assertThat(memory.readOnly()).isTrue();
    }

    @Test
    void cgroupOutsideTheNamespaceIsUnreachable() {
        List<MountInfo> mounts = List.of(MountInfo.parse(UNIFIED_MOUNT));
        Map<Path, String> files = Map.of(Path.of("/sys/fs/cgroup/cgroup.controllers"), "memory\n");

        CgroupLayout layout = CgroupLayout.parse(mounts, "0::/../other\n", reader(files));

        assertThat(layout.controller("memory").orElseThrow().ownCgroup()).isNull();
        assertThat(layout.unifiedCgroup()).isNull();
    }

    @Test
    void hostWithoutCgroupMountsHasNone() {
        List<MountInfo> mounts = List.of(MountInfo.parse("27 1 254:0 / / rw,relatime - ext4 /dev/vda rw"));

        CgroupLayout layout = CgroupLayout.parse(mounts, "", reader(Map.of()));

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.NONE);
        assertThat(layout.controllers()).isEmpty();
        assertThat(CgroupChecks.layout(layout).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(CgroupChecks.controllers(layout).status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void controllersMissingFromOwnCgroupAreReported() {
        List<MountInfo> mounts = List.of(MountInfo.parse(UNIFIED_MOUNT));
        Map<Path, String> files = Map.of(Path.of("/sys/fs/cgroup/cgroup.controllers"), "cpu memory pids\n");
        CgroupLayout layout = CgroupLayout.parse(mounts, "0::/nonexistent-test-cgroup\n", reader(files));

        // The engine's cgroup folder does not exist here, so its cgroup.controllers cannot be read and no
        // controller counts as passed down to it.
        CheckResult result = CgroupChecks.controllers(layout);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.sentence()).contains("memory (missing from /sys/fs/cgroup/nonexistent-test-cgroup/cgroup.controllers)");
        assertThat(result.fix()).contains("Delegate=yes");
    }

    private static Function<Path, Optional<String>> reader(Map<Path, String> files) {
        return file -> Optional.ofNullable(files.get(file));
    }
}
