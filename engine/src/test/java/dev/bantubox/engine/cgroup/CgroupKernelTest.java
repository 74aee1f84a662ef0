package dev.bantubox.engine.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.RunningContainer;
import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.kernel.LibC;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.plan.LaunchRequest;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.engine.testing.TestHome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Limits and usage figures on the real kernel, in whatever cgroup layout this machine has (the v1
 * driver on a legacy or hybrid host). Every container is killed and waited for in a finally block,
 * which also removes its cgroups.
 */
class CgroupKernelTest {
    private static final int SIGKILL = 9;
    private static final long MIB = 1L << 20;

    private TestHome home;
    private Engine engine;
    private final List<RunningContainer> started = new ArrayList<>();

    @BeforeEach
    void createHome() {
        home = TestHome.create();
        engine = home.engine();
    }

    @AfterEach
    void removeContainers() {
        try {
            for (RunningContainer container : started) {
                container.signal(SIGKILL);
                container.waitForExit();
            }
        } finally {
            home.close();
        }
    }

    @Test
    void procSelfCgroupNamesContainerCgroups() {
        RunOutcome outcome = engine.runAndCapture(RunSpec.builder().command("/bin/cat", "/proc/self/cgroup").build());

        assertThat(outcome.exitCode()).as("output: %s", outcome.output()).isZero();
        ContainerRecord record = engine.containers().load(outcome.containerId()).orElseThrow();
        CgroupLayout layout = engine.cgroupLayout();
        for (CgroupController controller : CgroupController.values()) {
            CgroupHierarchy hierarchy = layout.hierarchyOf(controller).orElse(null);
            if (hierarchy == null) {
                continue;
            }
            String expected = Path.of(hierarchy.engineCgroup()).resolve("bantubox-" + record.id).toString();
            String line = membershipLine(outcome.output(), hierarchy, controller);
            assertThat(line).as("%s line of /proc/self/cgroup inside", controller).endsWith(":" + expected);
        }
        long joined = layout.hierarchies().stream().filter(layout::carriesController).count();
        assertThat(record.cgroups).as("one cgroup per hierarchy that carries a controller").hasSize((int) joined);
        for (String directory : record.cgroups) {
            assertThat(Path.of(directory)).as("cgroup directory after the container ended").doesNotExist();
        }
    }

    @Test
    void journalShowsChildJoiningEachCgroup() {
        RunOutcome outcome = engine.runAndCapture(RunSpec.builder().command("/bin/true").limits(
                CgroupLimits.none().withPidsLimit(16L)).build());

        ContainerRecord record = engine.containers().load(outcome.containerId()).orElseThrow();
        JournalRecord clone = outcome.journal().stream().filter(entry -> entry.call().startsWith("clone("))
                .findFirst().orElseThrow();
        List<String> calls = outcome.journal().stream().map(JournalRecord::call).toList();
        int firstMount = indexOfFirst(calls, "mount(");
        for (String directory : record.cgroups) {
            // v1: the child writes "0" to tasks itself; v2: the engine writes the child's pid to cgroup.procs.
            String selfJoin = "write(\"" + directory + "/tasks\", \"0\")";
            String engineJoin = "write(\"" + directory + "/cgroup.procs\", \"" + clone.result() + "\")";
            int mkdir = calls.indexOf("mkdir(\"" + directory + "\")");
            int join = calls.contains(selfJoin) ? calls.indexOf(selfJoin) : calls.indexOf(engineJoin);

            assertThat(mkdir).as("mkdir of %s before clone", directory).isBetween(0, calls.indexOf(clone.call()));
            assertThat(join).as("join of %s after clone, in %s", directory, calls).isGreaterThan(calls.indexOf(clone.call()));
            assertThat(join).as("join of %s before the child's first mount", directory).isLessThan(firstMount);
        }
        assertThat(calls).anyMatch(call -> call.endsWith("/pids.max\", \"16\")"));
    }

    @Test
    void memoryLimitOomKillsAllocation() {
        // busybox tail keeps a whole line in memory, and /dev/zero has no newline: 100 MiB for tail.
        RunOutcome outcome = engine.runAndCapture(RunSpec.builder()
                .command("/bin/sh", "-c", "head -c 100m /dev/zero | tail")
                .limits(CgroupLimits.none().withMemory(32 * MIB)).build());

        ContainerRecord record = engine.containers().load(outcome.containerId()).orElseThrow();
        assertThat(outcome.exitCode()).as("output: %s", outcome.output()).isEqualTo(137);
        assertThat(record.oomKills).isEqualTo(1);
        assertThat(record.status()).isEqualTo("exited (137), OOM-killed");
    }

    @Test
    void allocationReallyReaches100MiB() {
        RunningContainer container = startDetached(RunSpec.builder()
                .command("/bin/sh", "-c", "head -c 100m /dev/zero | tail | wc -c; exec sleep 60")
                .limits(CgroupLimits.none().withMemory(256 * MIB)).build());

        CgroupUsage usage = awaitUsage(container, sample -> sample.memoryPeakBytes() >= 100 * MIB);

        assertThat(usage.memoryPeakBytes()).isGreaterThanOrEqualTo(100 * MIB);
        assertThat(usage.memoryLimitBytes()).isEqualTo(256 * MIB);
        assertThat(usage.oomKills()).isZero();
    }

    @Test
    void cpuLimitHoldsBusyLoopAtQuota() throws InterruptedException {
        // Other builds share this machine's CPUs. A large weight makes sure the container gets its 20 %
        // when it is runnable, so only the quota, not the competition, limits what it gets.
        RunningContainer container = startDetached(RunSpec.builder().command("/bin/sh", "-c", "while :; do :; done")
                .limits(new CgroupLimits(0.2, 10_240, null, null, null)).build());
        Thread.sleep(300);

        CgroupUsage before = engine.usage(container.id());
        Thread.sleep(2_000);
        CgroupUsage after = engine.usage(container.id());

        assertThat(after.cpuShareSince(before)).as("share of one core").isBetween(0.15, 0.25);
        assertThat(after.throttledPeriods()).as("periods the quota held the loop back")
                .isGreaterThan(before.throttledPeriods());
        assertThat(after.cpuLimit()).isEqualTo(0.2);
    }

    @Test
    void forkBombStopsAtPidsLimit() throws Exception {
        // Without a PID namespace, killing the first process leaves the others running, so the
        // clean-up itself has to find and kill them through the cgroup.
        ToggleSet noPidNamespace = ToggleSet.full().with(Toggle.PID_NS, false);
        RunSpec.Builder limited = RunSpec.builder().toggles(noPidNamespace).removeOnExit(true)
                .limits(CgroupLimits.none().withPidsLimit(32L));

        // First a bounded flood of 100 sleeps: if the limit did not hold, 100 processes do no harm. busybox
        // sh exits when a fork fails, so an inner shell floods; the outer one then fills the last slot
        // that the inner shell freed, and the count stays at the limit.
        RunningContainer flood = startDetached(limited.command("/bin/sh", "-c",
                "sh -c 'i=0; while [ $i -lt 100 ]; do sleep 60 & i=$((i+1)); done' 2>/dev/null; sleep 60 & exec sleep 60")
                .build());
        CgroupUsage floodUsage = awaitUsage(flood, sample -> sample.pids() == 32 && sample.rejectedForks() > 0);
        assertThat(engine.usage(flood.id()).pids()).as("processes a moment later").isEqualTo(32);
        assertThat(floodUsage.rejectedForks()).as("sleeps that could not start").isGreaterThan(0);
        stopAndWait(flood);

        // Each copy starts two more. A copy whose fork fails ends, because busybox sh exits on "can't
        // fork". A copy whose forks both worked then waits in read on a FIFO, which needs no fork, so
        // processes are left for the clean-up to find. The FIFO is opened read-write because that open
        // does not block: a blocking open fails with EINTR when a SIGCHLD arrives, and the copy ends.
        RunningContainer bomb = startDetached(limited.command("/bin/sh", "-c",
                "mkfifo /tmp/hold; bomb() { bomb & bomb & read line <> /tmp/hold; }; bomb & exec sleep 60").build());
        CgroupUsage usage = awaitUsage(bomb, sample -> {
            assertThat(sample.pids()).as("processes in the bomb's cgroup").isLessThanOrEqualTo(32);
            return sample.rejectedForks() > 0;
        });
        assertThat(usage.pidsLimit()).isEqualTo(32);
        Process host = new ProcessBuilder("/bin/true").start();
        assertThat(host.waitFor(10, TimeUnit.SECONDS)).as("a host process starts during the bomb").isTrue();
        assertThat(host.exitValue()).isZero();

        ContainerRecord record = engine.containers().load(bomb.id()).orElseThrow();
        List<Integer> members = processesIn(Path.of(record.cgroups.get(0)));
        assertThat(members).as("processes besides the first one, left for the clean-up").hasSizeGreaterThan(1);
        stopAndWait(bomb);

        assertThat(engine.containers().load(bomb.id())).as("container record after removal").isEmpty();
        for (String directory : record.cgroups) {
            assertThat(Path.of(directory)).as("cgroup directory after removal").doesNotExist();
        }
        for (int pid : members) {
            // A killed process stays a zombie until the host's init reaps it. A live process with
            // the same pid is a new one that reuses the number, unless it is in the container's cgroup.
            assertThat(liveInCgroup(pid, "bantubox-" + record.id)).as("pid %d of the bomb still runs", pid).isFalse();
        }
    }

    @Test
    void memoryUpdateBelowUsageIsRejected() {
        // tmpfs pages are charged to the cgroup of the process that wrote them, and stay while the file does.
        RunningContainer container = startDetached(RunSpec.builder()
                .command("/bin/sh", "-c", "head -c 20m /dev/zero > /dev/shm/fill; exec sleep 60")
                .limits(CgroupLimits.none().withMemory(64 * MIB)).build());
        awaitUsage(container, sample -> sample.memoryBytes() >= 20 * MIB);

        assertThatThrownBy(() -> engine.updateLimits(container.id(), CgroupLimits.none().withMemory(8 * MIB)))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("memory limit 8.0 MiB is below what the container already uses");
        assertThat(engine.usage(container.id()).memoryLimitBytes()).isEqualTo(64 * MIB);

        // Raising past the memory+swap limit and lowering below it need opposite write orders on v1.
        engine.updateLimits(container.id(), CgroupLimits.none().withMemory(128 * MIB));
        assertThat(engine.usage(container.id()).memoryLimitBytes()).isEqualTo(128 * MIB);
        engine.updateLimits(container.id(), CgroupLimits.none().withMemory(48 * MIB));
        assertThat(engine.usage(container.id()).memoryLimitBytes()).isEqualTo(48 * MIB);
    }

    @Test
    void releaseKillsByRecordedDirectories() {
        RunningContainer container = startDetached(RunSpec.builder().command("/bin/sh", "-c", "sleep 60 & exec sleep 60")
                .build());
        ContainerRecord record = engine.find(container.id());

        new CgroupHook().release(record);

        assertThat(container.waitForExit()).as("exit code of the first process").isEqualTo(128 + SIGKILL);
        for (String directory : record.cgroups) {
            assertThat(Path.of(directory)).as("cgroup directory after release").doesNotExist();
        }
    }

    private RunningContainer startDetached(RunSpec spec) {
        LibC libc = NativeLibraries.get().libc();
        int devNull = libc.open("/dev/null", LibC.O_RDONLY | LibC.O_CLOEXEC);
        try {
            RunningContainer container = engine.start(spec, new LaunchRequest.Stdio(devNull, devNull, devNull));
            started.add(container);
            return container;
        } finally {
            libc.close(devNull);
        }
    }

    private void stopAndWait(RunningContainer container) {
        container.signal(SIGKILL);
        container.waitForExit();
        started.remove(container);
    }

    /** Samples usage until condition holds, for at most 20 s, and returns the sample that met it. */
    private CgroupUsage awaitUsage(RunningContainer container, Predicate<CgroupUsage> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        CgroupUsage usage = engine.usage(container.id());
        while (!condition.test(usage)) {
            assertThat(System.nanoTime()).as("waiting for the figures; last sample %s", usage).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            usage = engine.usage(container.id());
        }
        return usage;
    }

    private static String membershipLine(String procSelfCgroup, CgroupHierarchy hierarchy, CgroupController controller) {
        for (String line : procSelfCgroup.split("\n")) {
            String[] fields = line.split(":", 3);
            boolean match = hierarchy.isV2() ? fields[0].equals("0")
                    : List.of(fields[1].split(",")).contains(controller.v1Name());
            if (match) {
                return line;
            }
        }
        throw new AssertionError("no line for " + controller + " in " + procSelfCgroup);
    }

    private static List<Integer> processesIn(Path directory) throws IOException {
        List<Integer> pids = new ArrayList<>();
        for (String line : Files.readAllLines(directory.resolve("cgroup.procs"))) {
            pids.add(Integer.parseInt(line.trim()));
        }
        return pids;
    }

    /** True when pid is a live process (not a zombie) in a cgroup whose name contains cgroupName. */
    private static boolean liveInCgroup(int pid, String cgroupName) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X' && Files.readString(Path.of("/proc/" + pid + "/cgroup")).contains(cgroupName);
        } catch (IOException gone) {
            return false;
        }
    }

    private static int indexOfFirst(List<String> calls, String prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no call starts with " + prefix + " in " + calls);
    }
}
