package dev.bantubox.engine.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bantubox.engine.cgroup.CgroupLayout.MountedController;
import dev.bantubox.engine.host.MountInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layout detection from mount table and /proc/self/cgroup text, for each way a host mounts cgroups. */
class CgroupLayoutTest {
    private static final String MEMORY_CGROUP = "/process_api/9e0e6475cd806684d1614a8c6f09fa4f";

    @TempDir
    Path temporary;

    private static List<MountInfo> mounts(String... lines) {
        List<MountInfo> mounts = new ArrayList<>();
        for (String line : lines) {
            mounts.add(MountInfo.parse(line));
        }
        return mounts;
    }

    private static String v1(int id, String name, String options) {
        return id + " 31 0:" + id + " / /sys/fs/cgroup/" + name + " rw,relatime - cgroup cgroup rw," + options;
    }

    @Test
    void hybridHostKeepsControllersOnV1() {
        FakeCgroup2Tree unified = new FakeCgroup2Tree(temporary.resolve("unified"), "hugetlb");
        List<MountInfo> mounts = mounts(
                "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
                v1(32, "cpu", "cpu"), v1(33, "cpuacct", "cpuacct"), v1(34, "cpuset", "cpuset"),
                v1(35, "memory", "memory"), v1(36, "devices", "devices"), v1(37, "freezer", "freezer"),
                v1(39, "pids", "pids"), v1(40, "systemd", "name=systemd"),
                "41 31 0:38 / " + unified.mountPoint() + " rw,relatime - cgroup2 cgroup2 rw");
        String membership = "9:name=systemd:/\n8:pids:/\n6:freezer:/\n5:devices:/\n4:memory:" + MEMORY_CGROUP
                + "\n3:cpuset:/\n2:cpuacct:/\n1:cpu:/\n0::/\n";

        CgroupLayout layout = CgroupLayout.detect(mounts, membership, unified);

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.HYBRID);
        assertThat(layout.hierarchies()).extracting(CgroupHierarchy::mountPoint).containsExactly(
                Path.of("/sys/fs/cgroup/cpu"), Path.of("/sys/fs/cgroup/cpuacct"), Path.of("/sys/fs/cgroup/memory"),
                Path.of("/sys/fs/cgroup/freezer"), Path.of("/sys/fs/cgroup/pids"), unified.mountPoint());
        for (CgroupController controller : CgroupController.values()) {
            assertThat(layout.hierarchyOf(controller).orElseThrow().version()).as("%s", controller).isEqualTo(1);
        }
        CgroupHierarchy memory = layout.hierarchyOf(CgroupController.MEMORY).orElseThrow();
        assertThat(memory.containerDirectory("abc"))
                .isEqualTo(Path.of("/sys/fs/cgroup/memory" + MEMORY_CGROUP + "/bantubox-abc"));
        assertThat(layout.unified().orElseThrow().controllers()).isEmpty();
        assertThat(layout.describe()).isEqualTo("hybrid (cgroup v1 for cpu, cpuacct, memory, pids, freezer;"
                + " cgroup v2 at " + unified.mountPoint() + ")");
        assertThat(layout.mountedControllers()).extracting(MountedController::name).containsExactly(
                "cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "pids", "hugetlb");
        assertThat(layout.mountedController("hugetlb").orElseThrow().version()).isEqualTo(2);
        assertThat(layout.mountedController("memory").orElseThrow().engineDirectory())
                .isEqualTo(Path.of("/sys/fs/cgroup/memory" + MEMORY_CGROUP));
        assertThat(layout.mountedController("name=systemd")).isEmpty();
        assertThat(layout.unifiedMountPoint()).contains(unified.mountPoint());
    }

    @Test
    void unifiedHostPutsEveryControllerOnV2() {
        FakeCgroup2Tree tree = new FakeCgroup2Tree(temporary.resolve("cgroup"), "cpuset cpu io memory pids");
        String session = "/user.slice/user-1000.slice/session-2.scope";
        List<MountInfo> mounts = mounts("35 24 0:30 / " + tree.mountPoint()
                + " rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate");

        CgroupLayout layout = CgroupLayout.detect(mounts, "0::" + session + "\n", tree);

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.UNIFIED);
        assertThat(layout.mountedControllers()).extracting(MountedController::name)
                .containsExactly("cpuset", "cpu", "io", "memory", "pids");
        MountedController memory = layout.mountedController("memory").orElseThrow();
        assertThat(memory.version()).isEqualTo(2);
        assertThat(memory.engineDirectory()).isEqualTo(tree.cgroup(session));
        assertThat(memory.readOnly()).isFalse();
        assertThat(layout.unified().orElseThrow().engineDirectory()).isEqualTo(tree.cgroup(session));
    }

    @Test
    void coMountedCpuCpuacctShareHierarchy() {
        List<MountInfo> mounts = mounts(
                "25 24 0:22 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct",
                v1(26, "memory", "memory"), v1(27, "pids", "pids"));
        String membership = "4:cpu,cpuacct:/user.slice\n3:memory:/user.slice\n2:pids:/user.slice/user-1000.slice\n";

        CgroupLayout layout = CgroupLayout.detect(mounts, membership, null);

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.LEGACY);
        assertThat(layout.hierarchyOf(CgroupController.CPU)).isEqualTo(layout.hierarchyOf(CgroupController.CPUACCT));
        assertThat(layout.hierarchyOf(CgroupController.CPU).orElseThrow().engineDirectory())
                .isEqualTo(Path.of("/sys/fs/cgroup/cpu,cpuacct/user.slice"));
        assertThat(layout.hierarchyOf(CgroupController.PIDS).orElseThrow().engineDirectory())
                .isEqualTo(Path.of("/sys/fs/cgroup/pids/user.slice/user-1000.slice"));
        assertThat(layout.hierarchyOf(CgroupController.FREEZER)).isEmpty();
        assertThat(layout.hierarchies()).hasSize(3);
        assertThat(layout.describe()).endsWith("; not available: freezer)");
        assertThat(layout.mountedControllers()).extracting(MountedController::name)
                .containsExactly("cpu", "cpuacct", "memory", "pids");
        assertThat(layout.unified()).isEmpty();
        assertThat(layout.unifiedMountPoint()).isEmpty();
    }

    @Test
    void mountRootBelowHierarchyRoot() {
        List<MountInfo> mounts = mounts(
                "40 30 0:35 /docker/abc /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory",
                "41 30 0:36 /docker/abc /sys/fs/cgroup/pids ro - cgroup cgroup rw,pids");
        String membership = "5:memory:/docker/abc/build\n4:pids:/elsewhere\n";

        CgroupLayout layout = CgroupLayout.detect(mounts, membership, null);

        assertThat(layout.hierarchyOf(CgroupController.MEMORY).orElseThrow().engineDirectory())
                .isEqualTo(Path.of("/sys/fs/cgroup/memory/build"));
        assertThat(layout.hierarchyOf(CgroupController.PIDS)).as("cgroup outside the mount's root").isEmpty();
        assertThat(layout.mountedController("memory").orElseThrow().readOnly()).isTrue();
        MountedController pids = layout.mountedController("pids").orElseThrow();
        assertThat(pids.engineDirectory()).as("listed for the host check, without a directory").isNull();
        assertThat(pids.readOnly()).isTrue();
    }

    @Test
    void containerSeesOnlyItsSubtree() {
        // A container runtime bind-mounts the container's own cgroup at /sys/fs/cgroup, read-only. The
        // mount's root field is that cgroup's path on the host.
        FakeCgroup2Tree tree = new FakeCgroup2Tree(temporary.resolve("cgroup"), "memory pids");
        List<MountInfo> mounts = mounts("600 590 0:30 /system.slice/docker-1.scope " + tree.mountPoint()
                + " ro,nosuid - cgroup2 cgroup2 rw");

        CgroupLayout layout = CgroupLayout.detect(mounts, "0::/system.slice/docker-1.scope\n", tree);

        MountedController memory = layout.mountedController("memory").orElseThrow();
        assertThat(memory.engineDirectory()).isEqualTo(tree.mountPoint());
        assertThat(memory.readOnly()).isTrue();
        assertThat(layout.unified().orElseThrow().engineDirectory()).isEqualTo(tree.mountPoint());
    }

    @Test
    void mountReachingEngineCgroupWins() {
        // The first memory mount shows only a subtree the engine is not in; the second shows the whole hierarchy.
        List<MountInfo> mounts = mounts(
                "40 30 0:35 /docker/abc /mnt/memory rw - cgroup cgroup rw,memory",
                v1(41, "memory", "memory"));

        CgroupLayout layout = CgroupLayout.detect(mounts, "5:memory:/user.slice\n", null);

        assertThat(layout.hierarchyOf(CgroupController.MEMORY).orElseThrow().mountPoint())
                .isEqualTo(Path.of("/sys/fs/cgroup/memory"));
        assertThat(layout.mountedController("memory").orElseThrow().engineDirectory())
                .isEqualTo(Path.of("/sys/fs/cgroup/memory/user.slice"));
        assertThat(layout.mountedControllers()).hasSize(1);
    }

    @Test
    void cgroupOutsideNamespaceIsUnreachable() {
        // In a cgroup namespace, /proc/self/cgroup shows a cgroup outside the namespace's root as "/..".
        FakeCgroup2Tree tree = new FakeCgroup2Tree(temporary.resolve("cgroup"), "memory");
        List<MountInfo> mounts = mounts("35 24 0:30 / " + tree.mountPoint() + " rw - cgroup2 cgroup2 rw");

        CgroupLayout layout = CgroupLayout.detect(mounts, "0::/../other\n", tree);

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.UNIFIED);
        assertThat(layout.mountedController("memory").orElseThrow().engineDirectory()).isNull();
        assertThat(layout.unified()).isEmpty();
        assertThat(layout.unifiedMountPoint()).contains(tree.mountPoint());
        assertThat(layout.hierarchies()).isEmpty();
        assertThatThrownBy(layout::requireUsable).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void v2CarriesControllersV1Lacks() {
        FakeCgroup2Tree unified = new FakeCgroup2Tree(temporary.resolve("unified"), "pids");
        List<MountInfo> mounts = mounts(
                "41 31 0:38 / " + unified.mountPoint() + " rw - cgroup2 cgroup2 rw",
                v1(32, "cpu", "cpu"), v1(35, "memory", "memory"));
        String membership = "2:memory:/\n1:cpu:/\n0::/\n";

        CgroupLayout layout = CgroupLayout.detect(mounts, membership, unified);

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.HYBRID);
        assertThat(layout.hierarchyOf(CgroupController.PIDS).orElseThrow().isV2()).isTrue();
        assertThat(layout.hierarchyOf(CgroupController.FREEZER).orElseThrow().isV2()).as("cgroup.freeze is core").isTrue();
        assertThat(layout.hierarchyOf(CgroupController.MEMORY).orElseThrow().isV2()).isFalse();
        assertThat(layout.unified().orElseThrow().controllers()).containsExactlyInAnyOrder(
                CgroupController.PIDS, CgroupController.FREEZER, CgroupController.CPUACCT);
    }

    @Test
    void noCgroupMountIsExplained() {
        List<MountInfo> mounts = mounts("31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755");

        CgroupLayout layout = CgroupLayout.detect(mounts, "0::/\n", null);

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.NONE);
        assertThat(layout.mountedControllers()).isEmpty();
        assertThat(layout.hierarchies()).isEmpty();
        assertThatThrownBy(layout::requireUsable)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no cgroup file system is mounted");
    }

    @Test
    void kernelWithoutCgroupsHasNone() {
        List<MountInfo> mounts = mounts("27 1 254:0 / / rw,relatime - ext4 /dev/vda rw");

        CgroupLayout layout = CgroupLayout.detect(mounts, "", null);

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.NONE);
        assertThat(layout.describe()).isEqualTo("none (not available: cpu, cpuacct, memory, pids, freezer)");
    }
}
