package dev.bantubox.engine.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bantubox.engine.host.MountInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v2 driver on a file-backed tree that keeps cgroup v2's rules: which files it writes, with which
 * values, in which order, and how it copes with the no-internal-process rule.
 */
class CgroupV2DriverTest {
    private static final long ENGINE_PID = 4100;
    private static final long OTHER_PID = 4200;
    private static final int CHILD_PID = 4242;
    private static final String SESSION = "/user.slice/session-3.scope";
    private static final String ID = "c0ffee";

    @TempDir
    Path temporary;

    private FakeCgroup2Tree tree;
    private final List<Integer> killed = new ArrayList<>();

    @BeforeEach
    void createTree() {
        tree = new FakeCgroup2Tree(temporary.resolve("cgroup"), "cpuset cpu io memory pids");
    }

    private CgroupLayout layout() {
        MountInfo mount = MountInfo.parse("35 24 0:30 / " + tree.mountPoint()
                + " rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot");
        return CgroupLayout.detect(List.of(mount), "0::" + SESSION + "\n", tree);
    }

    private ContainerCgroup container() {
        return ContainerCgroup.forContainer(layout(), tree, killed::add, ID);
    }

    @Test
    void layoutIsUnifiedWithEveryController() {
        tree.prepareCgroup(SESSION, "cpu memory pids", ENGINE_PID);

        CgroupLayout layout = layout();

        assertThat(layout.kind()).isEqualTo(CgroupLayout.Kind.UNIFIED);
        assertThat(layout.hierarchies()).hasSize(1);
        for (CgroupController controller : CgroupController.values()) {
            assertThat(layout.hierarchyOf(controller)).as("%s", controller).contains(layout.hierarchies().get(0));
        }
        assertThat(layout.hierarchies().get(0).engineDirectory()).isEqualTo(tree.cgroup(SESSION));
    }

    @Test
    void createMovesEngineToLeafThenEnablesControllers() {
        tree.prepareCgroup(SESSION, "cpu memory pids", ENGINE_PID);
        CgroupLimits limits = new CgroupLimits(0.5, 1024, 64L << 20, null, 32L);

        container().create(limits, ENGINE_PID, CgroupJournal.NONE);
        container().join(CHILD_PID, CgroupJournal.NONE);

        String leaf = SESSION + "/bantubox-engine-" + ENGINE_PID;
        String cgroup = SESSION + "/bantubox-" + ID;
        assertThat(tree.changes()).containsExactly(
                "mkdir " + leaf,
                "write " + leaf + "/cgroup.procs " + ENGINE_PID,
                "write " + SESSION + "/cgroup.subtree_control +cpu +memory +pids",
                "mkdir " + cgroup,
                "write " + cgroup + "/cpu.max 50000 100000",
                "write " + cgroup + "/cpu.weight 39",
                "write " + cgroup + "/memory.max 67108864",
                "write " + cgroup + "/memory.swap.max 0",
                "write " + cgroup + "/pids.max 32",
                "write " + cgroup + "/cgroup.procs " + CHILD_PID);
        assertThat(tree.processesIn(tree.cgroup(SESSION))).isEmpty();
        assertThat(tree.processesIn(tree.cgroup(cgroup))).containsExactly((long) CHILD_PID);
    }

    @Test
    void secondContainerReusesEnabledParent() {
        tree.prepareCgroup(SESSION, "cpu memory pids", ENGINE_PID);
        container().create(CgroupLimits.none(), ENGINE_PID, CgroupJournal.NONE);
        int before = tree.changes().size();

        ContainerCgroup second = ContainerCgroup.forContainer(layout(), tree, killed::add, "beef");
        second.create(CgroupLimits.none().withPidsLimit(8L), ENGINE_PID, CgroupJournal.NONE);

        assertThat(tree.changes().subList(before, tree.changes().size())).containsExactly(
                "mkdir " + SESSION + "/bantubox-beef",
                "write " + SESSION + "/bantubox-beef/pids.max 8");
    }

    @Test
    void sharedEngineCgroupExplainsEbusy() {
        String shared = "/user.slice/session-7.scope";
        tree.prepareCgroup(shared, "cpu memory pids", ENGINE_PID, OTHER_PID);
        MountInfo mount = MountInfo.parse("35 24 0:30 / " + tree.mountPoint() + " rw - cgroup2 cgroup2 rw");
        CgroupLayout layout = CgroupLayout.detect(List.of(mount), "0::" + shared + "\n", tree);
        ContainerCgroup cgroup = ContainerCgroup.forContainer(layout, tree, killed::add, ID);

        assertThatThrownBy(() -> cgroup.create(CgroupLimits.none(), ENGINE_PID, CgroupJournal.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-internal-process rule")
                .hasMessageContaining("[" + OTHER_PID + "]")
                .hasMessageContaining("systemd-run --scope -p Delegate=yes");
        assertThat(tree.processesIn(tree.cgroup(shared))).containsExactlyInAnyOrder(ENGINE_PID, OTHER_PID);
        assertThat(tree.exists(tree.cgroup(shared + "/bantubox-engine-" + ENGINE_PID))).isFalse();
        assertThat(tree.exists(tree.cgroup(shared + "/bantubox-" + ID))).isFalse();
    }

    @Test
    void controllerNotDelegatedIsNamed() {
        tree.prepareCgroup(SESSION, "cpu memory", ENGINE_PID);

        assertThatThrownBy(() -> container().create(CgroupLimits.none(), ENGINE_PID, CgroupJournal.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[pids] are not available in " + tree.cgroup(SESSION));
        assertThat(tree.changes()).isEmpty();
    }

    @Test
    void memorySwapWritesSwapAlone() {
        tree.prepareCgroup(SESSION, "cpu memory pids", ENGINE_PID);

        container().create(CgroupLimits.none().withMemory(64L << 20, 96L << 20), ENGINE_PID, CgroupJournal.NONE);

        String cgroup = SESSION + "/bantubox-" + ID;
        assertThat(tree.changes()).endsWith(
                "write " + cgroup + "/memory.max 67108864",
                "write " + cgroup + "/memory.swap.max 33554432");
    }

    @Test
    void unlimitedSwapWritesMax() {
        tree.prepareCgroup(SESSION, "cpu memory pids", ENGINE_PID);

        container().create(CgroupLimits.none().withMemory(64L << 20, CgroupLimits.UNLIMITED_SWAP), ENGINE_PID,
                CgroupJournal.NONE);

        assertThat(tree.changes()).last().isEqualTo("write " + SESSION + "/bantubox-" + ID + "/memory.swap.max max");
    }

    @Test
    void updateBelowUsageIsRejectedBeforeWriting() {
        tree.prepareCgroup(SESSION, "cpu memory pids", ENGINE_PID);
        ContainerCgroup cgroup = container();
        cgroup.create(CgroupLimits.none().withMemory(64L << 20), ENGINE_PID, CgroupJournal.NONE);
        tree.setKernelValue(tree.cgroup(SESSION + "/bantubox-" + ID + "/memory.current"), String.valueOf(40L << 20));
        int before = tree.changes().size();

        assertThatThrownBy(() -> cgroup.updateLimits(CgroupLimits.none().withMemory(32L << 20), CgroupJournal.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memory limit 32.0 MiB is below what the container already uses (40.0 MiB)");
        assertThat(tree.changes()).hasSize(before);

        cgroup.updateLimits(CgroupLimits.none().withMemory(48L << 20), CgroupJournal.NONE);
        assertThat(tree.changes().subList(before, tree.changes().size()))
                .containsExactly("write " + SESSION + "/bantubox-" + ID + "/memory.max 50331648");
    }

    @Test
    void swapLimitWithoutSwapAccountingIsRejected() throws IOException {
        tree.prepareCgroup(SESSION, "cpu memory pids", ENGINE_PID);
        ContainerCgroup cgroup = container();
        cgroup.create(CgroupLimits.none().withMemory(64L << 20), ENGINE_PID, CgroupJournal.NONE);
        // A kernel that does not account swap per cgroup has no memory.swap.max.
        Path swapFile = tree.cgroup(SESSION + "/bantubox-" + ID + "/memory.swap.max");
        Files.delete(swapFile);
        int before = tree.changes().size();

        assertThatThrownBy(() -> cgroup.updateLimits(CgroupLimits.none().withMemory(64L << 20, 96L << 20),
                CgroupJournal.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not account swap per cgroup (" + swapFile + " is missing)");
        assertThat(tree.changes()).hasSize(before);

        cgroup.updateLimits(CgroupLimits.none().withMemory(48L << 20), CgroupJournal.NONE);
        assertThat(tree.changes().subList(before, tree.changes().size()))
                .containsExactly("write " + SESSION + "/bantubox-" + ID + "/memory.max 50331648");
    }

    @Test
    void usageReadsV2Files() {
        tree.prepareCgroup(SESSION, "cpu memory pids", ENGINE_PID);
        ContainerCgroup cgroup = container();
        cgroup.create(new CgroupLimits(0.25, null, 32L << 20, null, 16L), ENGINE_PID, CgroupJournal.NONE);
        Path directory = tree.cgroup(SESSION + "/bantubox-" + ID);
        tree.setKernelValue(directory.resolve("cpu.stat"), "usage_usec 1500000\nuser_usec 1000000\nsystem_usec 500000\n"
                + "nr_periods 40\nnr_throttled 12\nthrottled_usec 900000\n");
        tree.setKernelValue(directory.resolve("memory.current"), "1048576");
        tree.setKernelValue(directory.resolve("memory.peak"), "33554432");
        tree.setKernelValue(directory.resolve("memory.events"), "low 0\nhigh 0\nmax 9\noom 1\noom_kill 1\n");
        tree.setKernelValue(directory.resolve("pids.current"), "16");
        tree.setKernelValue(directory.resolve("pids.events"), "max 230\n");

        CgroupUsage usage = cgroup.usage();

        assertThat(usage.cpuNanos()).isEqualTo(1_500_000_000L);
        assertThat(usage.cpuLimit()).isEqualTo(0.25);
        assertThat(usage.cpuPeriods()).isEqualTo(40);
        assertThat(usage.throttledPeriods()).isEqualTo(12);
        assertThat(usage.throttledNanos()).isEqualTo(900_000_000L);
        assertThat(usage.memoryBytes()).isEqualTo(1_048_576);
        assertThat(usage.memoryPeakBytes()).isEqualTo(32L << 20);
        assertThat(usage.memoryLimitBytes()).isEqualTo(32L << 20);
        assertThat(usage.oomKills()).isEqualTo(1);
        assertThat(usage.pids()).isEqualTo(16);
        assertThat(usage.pidsLimit()).isEqualTo(16);
        assertThat(usage.rejectedForks()).isEqualTo(230);
        assertThat(cgroup.oomKills()).isEqualTo(1);
    }

    @Test
    void cleanUpWritesCgroupKillThenRemoves() {
        tree.prepareCgroup(SESSION, "cpu memory pids", ENGINE_PID);
        ContainerCgroup cgroup = container();
        cgroup.create(CgroupLimits.none(), ENGINE_PID, CgroupJournal.NONE);
        cgroup.join(CHILD_PID, CgroupJournal.NONE);
        int before = tree.changes().size();

        cgroup.killAll(CgroupJournal.NONE);
        cgroup.remove(CgroupJournal.NONE);

        String directory = SESSION + "/bantubox-" + ID;
        assertThat(tree.changes().subList(before, tree.changes().size()))
                .containsExactly("write " + directory + "/cgroup.kill 1", "rmdir " + directory);
        assertThat(killed).as("no pid signalled one by one when cgroup.kill exists").isEmpty();
        assertThat(cgroup.existingDirectories()).isEmpty();
    }

    @Test
    void sharesMapOntoWeights() {
        assertThat(CgroupV2Driver.weightOf(CgroupLimits.MIN_CPU_SHARES)).isEqualTo(1);
        assertThat(CgroupV2Driver.weightOf(1024)).isEqualTo(39);
        assertThat(CgroupV2Driver.weightOf(CgroupLimits.MAX_CPU_SHARES)).isEqualTo(10_000);
    }

    @Test
    void journalRecordsEveryChange() {
        tree.prepareCgroup(SESSION, "cpu memory pids", ENGINE_PID);
        List<String> calls = new ArrayList<>();

        container().create(CgroupLimits.none().withPidsLimit(32L), ENGINE_PID,
                (call, result, errno, start, duration) -> calls.add(call + " = " + result + " " + errno));

        assertThat(calls).hasSize(tree.changes().size());
        assertThat(calls).last().isEqualTo("write(\"" + tree.cgroup(SESSION + "/bantubox-" + ID + "/pids.max")
                + "\", \"32\") = 2 0");
    }
}
