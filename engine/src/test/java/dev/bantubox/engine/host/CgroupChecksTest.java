package dev.bantubox.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.cgroup.CgroupLayout;
import dev.bantubox.engine.cgroup.KernelCgroupFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's cgroup rows for layouts read from sample mountinfo and /proc/self/cgroup text. The
 * hierarchies are folders in a temporary directory, so the checks read and test real files.
 */
class CgroupChecksTest {
    @TempDir
    Path temporary;

    @Test
    void hostWithoutCgroupMountsFailsBoth() {
        CgroupLayout layout = layoutOf("", "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw");

        CheckResult layoutRow = CgroupChecks.layout(layout);
        CheckResult controllersRow = CgroupChecks.controllers(layout);

        assertThat(layoutRow.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(layoutRow.sentence()).startsWith("no cgroup file system is mounted");
        assertThat(controllersRow.status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void hybridRowNamesBothVersions() throws IOException {
        Path unified = cgroup2Root("unified", "hugetlb");
        CgroupLayout layout = layoutOf("3:memory:/\n2:cpu,cpuacct:/\n0::/\n",
                v1Mount(32, "cpu,cpuacct", "rw"), v1Mount(35, "memory", "rw"),
                "40 31 0:37 / " + temporary.resolve("systemd") + " rw - cgroup cgroup rw,xattr,name=systemd",
                "41 31 0:38 / " + unified + " rw - cgroup2 cgroup2 rw");

        CheckResult row = CgroupChecks.layout(layout);

        assertThat(row.status()).isEqualTo(CheckStatus.OK);
        assertThat(row.sentence()).isEqualTo("hybrid: the controllers cpu cpuacct memory are on v1 hierarchies,"
                + " and the cgroup2 tree at " + unified + " holds the controllers hugetlb");
    }

    @Test
    void unifiedRowNamesTreeAndControllers() throws IOException {
        Path root = cgroup2Root("cgroup", "cpuset cpu io memory pids");
        CgroupLayout layout = layoutOf("0::/\n", "35 24 0:30 / " + root + " rw - cgroup2 cgroup2 rw,nsdelegate");

        CheckResult row = CgroupChecks.layout(layout);

        assertThat(row.sentence()).isEqualTo("cgroup v2: one unified tree at " + root
                + " holds the controllers cpuset cpu io memory pids");
    }

    @Test
    void readOnlyHierarchyIsWarning() throws IOException {
        CgroupLayout layout = layoutOf("8:pids:/\n4:memory:/\n1:cpu:/\n",
                v1Mount(32, "cpu", "rw"), v1Mount(35, "memory", "ro,nosuid"), v1Mount(39, "pids", "rw"));

        CheckResult row = CgroupChecks.controllers(layout);

        assertThat(row.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(row.sentence()).isEqualTo("not usable from the engine's own cgroup: memory (its v1 hierarchy is"
                + " mounted read-only); usable: cpu (v1), pids (v1)");
    }

    @Test
    void engineCgroupOutsideMountIsWarning() throws IOException {
        // The memory mount shows only /docker/abc, and the engine's memory cgroup is elsewhere.
        CgroupLayout layout = layoutOf("8:pids:/\n4:memory:/user.slice\n1:cpu:/\n",
                v1Mount(32, "cpu", "rw"), v1Mount(39, "pids", "rw"),
                "35 31 0:32 /docker/abc " + temporary.resolve("memory") + " rw - cgroup cgroup rw,memory");

        CheckResult row = CgroupChecks.controllers(layout);

        assertThat(row.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(row.sentence()).contains("memory (the engine's cgroup lies outside its v1 hierarchy as mounted here)");
    }

    @Test
    void controllersMissingFromEngineCgroupFail() throws IOException {
        Path root = cgroup2Root("cgroup", "cpu memory pids");
        CgroupLayout layout = layoutOf("0::/nonexistent-test-cgroup\n",
                "35 24 0:30 / " + root + " rw - cgroup2 cgroup2 rw");

        // The engine's cgroup folder does not exist, so its cgroup.controllers cannot be read and no
        // controller counts as passed down to it.
        CheckResult row = CgroupChecks.controllers(layout);

        assertThat(row.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(row.sentence()).contains("memory (missing from "
                + root.resolve("nonexistent-test-cgroup/cgroup.controllers") + ")");
        assertThat(row.fix()).contains("Delegate=yes");
    }

    /** Returns a mountinfo line of a v1 hierarchy mounted at a folder of the temporary directory. */
    private String v1Mount(int id, String controllers, String mountOptions) throws IOException {
        Path mountPoint = Files.createDirectories(temporary.resolve(controllers));
        return id + " 31 0:" + id + " / " + mountPoint + " " + mountOptions + " - cgroup cgroup rw," + controllers;
    }

    /** Makes the root folder of a cgroup2 tree whose cgroup.controllers lists controllers. */
    private Path cgroup2Root(String name, String controllers) throws IOException {
        Path root = Files.createDirectories(temporary.resolve(name));
        Files.writeString(root.resolve("cgroup.controllers"), controllers + "\n");
        return root;
    }

    private static CgroupLayout layoutOf(String procSelfCgroup, String... mountinfoLines) {
        List<MountInfo> mounts = Arrays.stream(mountinfoLines).map(MountInfo::parse).toList();
        return CgroupLayout.detect(mounts, procSelfCgroup, new KernelCgroupFiles());
    }
}
