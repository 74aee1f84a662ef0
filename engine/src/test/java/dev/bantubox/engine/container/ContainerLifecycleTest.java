package dev.bantubox.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.cgroup.CgroupLimits;
import dev.bantubox.engine.host.MountInfo;
import dev.bantubox.engine.testing.TestHome;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Detached runs, ps, stop, kill, rm, logs, exec, inspect and --init, on the real kernel. */
class ContainerLifecycleTest {
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

    private TestHome home;
    private Engine engine;

    @BeforeEach
    void createHome() {
        home = TestHome.create();
        engine = home.engine();
    }

    @AfterEach
    void removeHome() {
        home.close();
    }

    @Test
    void detachedRunKeepsOutputInLog() throws IOException {
        RunningContainer container = engine.startDetached(RunSpec.builder()
                .command("sh", "-c", "echo hello from the background; echo and an error >&2").build());

        ContainerRecord ended = awaitExited(container.id());
        String log = log(container.id(), false);

        assertThat(ended.exitCode).isZero();
        assertThat(log).contains("hello from the background\n");
        assertThat(log).contains("and an error\n");
    }

    @Test
    void logsFollowUntilContainerEnds() throws IOException {
        RunningContainer container = engine.startDetached(RunSpec.builder()
                .command("sh", "-c", "echo first; sleep 1; echo last").build());

        String followed = log(container.id(), true);

        assertThat(followed).isEqualTo("first\nlast\n");
        assertThat(engine.status(container.id()).state).isEqualTo(ContainerRecord.State.EXITED);
    }

    @Test
    void psShowsExitCodeOfExitedContainer() {
        RunningContainer container = engine.startDetached(RunSpec.builder().command("sh", "-c", "exit 3").build());
        awaitExited(container.id());

        Optional<ContainerRecord> listed = engine.list(true).stream()
                .filter(record -> record.id.equals(container.id())).findFirst();
        List<String> running = engine.list(false).stream().map(record -> record.id).toList();

        assertThat(listed).isPresent();
        assertThat(listed.get().status()).isEqualTo("exited (3)");
        assertThat(running).doesNotContain(container.id());
    }

    @Test
    void psShowsRunningContainerWithHostPid() {
        RunningContainer container = engine.startDetached(RunSpec.builder().command("sleep", "1000").build());

        ContainerRecord listed = engine.list(false).stream()
                .filter(record -> record.id.equals(container.id())).findFirst().orElseThrow();

        assertThat(listed.status()).isEqualTo("running");
        assertThat(listed.pid).isEqualTo(container.pid());
        assertThat(Path.of("/proc/" + listed.pid)).exists();
    }

    @Test
    void stopKillsPidOneThatIgnoresTerm() {
        RunningContainer container = engine.startDetached(RunSpec.builder().command("sleep", "1000").build());
        Duration grace = Duration.ofSeconds(2);

        long start = System.nanoTime();
        ContainerRecord stopped = engine.stop(container.id(), grace);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(stopped.status()).isEqualTo("exited (137)");
        assertThat(stopped.exitSignal).isEqualTo(9);
        // SIGTERM did nothing (sleep has no handler and is PID 1), so the grace period passed in full.
        assertThat(took).isGreaterThanOrEqualTo(grace);
        assertThat(took).isLessThan(grace.plusSeconds(1));
    }

    @Test
    void stopWithInitEndsCommandByTerm() {
        RunningContainer container = engine.startDetached(RunSpec.builder().command("sleep", "1000").init(true).build());

        long start = System.nanoTime();
        ContainerRecord stopped = engine.stop(container.id(), Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(stopped.status()).isEqualTo("exited (143)");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void killSendsChosenSignal() {
        RunningContainer container = engine.startDetached(RunSpec.builder()
                .command("sh", "-c", "trap 'exit 42' USR1; echo ready; while true; do sleep 0.1; done").build());
        awaitLogContains(container.id(), "ready");

        engine.kill(container.id(), 10 /* SIGUSR1 */);

        assertThat(awaitExited(container.id()).status()).isEqualTo("exited (42)");
    }

    @Test
    void killRejectsExitedContainer() {
        RunningContainer container = engine.startDetached(RunSpec.builder().command("true").build());
        awaitExited(container.id());

        assertThatThrownBy(() -> engine.kill(container.id(), 15))
                .isInstanceOf(EngineException.class).hasMessageContaining("is not running");
    }

    @Test
    void removeRejectsRunningContainerWithoutForce() {
        RunningContainer container = engine.startDetached(RunSpec.builder().command("sleep", "1000").build());
        Path folder = engine.containers().folderOf(container.id());

        assertThatThrownBy(() -> engine.remove(container.id(), false))
                .isInstanceOf(EngineException.class).hasMessageContaining("rm -f");
        assertThat(folder).exists();

        engine.remove(container.id(), true);

        assertThat(folder).doesNotExist();
        assertThat(Path.of("/proc/" + container.pid() + "/ns")).doesNotExist();
        assertThat(mountsMentioning(container.id())).isEmpty();
    }

    @Test
    void removeOnExitDeletesDetachedContainer() {
        RunningContainer container = engine.startDetached(RunSpec.builder().command("sh", "-c", "exit 0")
                .removeOnExit(true).build());
        Path folder = engine.containers().folderOf(container.id());

        long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
        while (Files.exists(folder) && System.nanoTime() < deadline) {
            engine.list(true);
            sleep(50);
        }

        assertThat(folder).doesNotExist();
        assertThat(engine.list(true)).noneMatch(record -> record.id.equals(container.id()));
    }

    @Test
    void nameIsUniqueAndFindsContainer() {
        RunningContainer first = engine.startDetached(RunSpec.builder().name("web").command("sleep", "1000").build());

        assertThat(engine.find("web").id).isEqualTo(first.id());
        assertThatThrownBy(() -> engine.startDetached(RunSpec.builder().name("web").command("true").build()))
                .isInstanceOf(EngineException.class).hasMessageContaining("already used");
    }

    @Test
    void environmentAndWorkingDirectoryReachCommand() {
        RunOutcome outcome = engine.runAndCapture(RunSpec.builder().command("sh", "-c", "echo $GREETING; pwd")
                .environment(List.of("GREETING=hello")).workingDirectory("/tmp").removeOnExit(true).build());

        assertThat(outcome.output()).isEqualTo("hello\n/tmp\n");
    }

    @Test
    void execJoinsContainerCgroups() {
        RunningContainer container = engine.startDetached(RunSpec.builder().command("sleep", "1000")
                .limits(CgroupLimits.none().withPidsLimit(8L)).build());

        RunOutcome outcome = engine.execAndCapture(container.id(), ExecSpec.of("cat", "/proc/self/cgroup"));
        String pidsLine = outcome.output().lines().filter(line -> line.matches("\\d+:pids:.*")).findFirst().orElse("");

        assertThat(outcome.exitCode()).as("exec output: %s", outcome.output()).isZero();
        assertThat(pidsLine).as("pids line of /proc/self/cgroup:%n%s", outcome.output())
                .endsWith("/bantubox-" + container.id());
    }

    @Test
    void execSeesHostnameAndPidOne() {
        RunningContainer container = engine.startDetached(RunSpec.builder().hostname("web").command("sleep", "1000")
                .build());

        RunOutcome outcome = engine.execAndCapture(container.id(),
                ExecSpec.of("sh", "-c", "hostname; tr '\\0' ' ' </proc/1/cmdline; echo; echo $$"));
        String[] lines = outcome.output().split("\n");

        assertThat(outcome.exitCode()).as("exec output: %s", outcome.output()).isZero();
        assertThat(lines[0]).isEqualTo("web");
        assertThat(lines[1].trim()).isEqualTo("sleep 1000");
        assertThat(Integer.parseInt(lines[2])).as("the exec'd shell's pid inside").isGreaterThan(1);
    }

    @Test
    void execReturnsCommandExitCode() {
        RunningContainer container = engine.startDetached(RunSpec.builder().command("sleep", "1000").build());

        RunOutcome outcome = engine.execAndCapture(container.id(), ExecSpec.of("sh", "-c", "exit 5"));

        assertThat(outcome.exitCode()).isEqualTo(5);
    }

    @Test
    void execRejectsExitedContainer() {
        RunningContainer container = engine.startDetached(RunSpec.builder().command("true").build());
        awaitExited(container.id());

        assertThatThrownBy(() -> engine.execAndCapture(container.id(), ExecSpec.of("true")))
                .isInstanceOf(EngineException.class).hasMessageContaining("is not running");
    }

    @Test
    void orphansStayZombiesWithoutInit() {
        assertThat(zombiesAfterOrphaning(false)).as("zombie processes without --init").hasSize(2);
    }

    @Test
    void initReapsOrphans() {
        assertThat(zombiesAfterOrphaning(true)).as("zombie processes with --init").isEmpty();
    }

    @Test
    void inspectShowsNamespacesMountsAndProcesses() {
        RunningContainer container = engine.startDetached(RunSpec.builder().command("sleep", "1000").build());

        ContainerInspection inspection = engine.inspect(container.id());

        assertThat(inspection.state.running).isTrue();
        assertThat(inspection.pids.firstProcess).isEqualTo(container.pid());
        assertThat(inspection.pids.shimRunning).isTrue();
        assertThat(inspection.namespaces.get("pid").sharedWithHost).isFalse();
        assertThat(inspection.namespaces.get("mnt").inode).startsWith("mnt:[");
        assertThat(inspection.mounts).anyMatch(mount -> mount.mountPoint.equals("/") && mount.type.equals("overlay"));
        assertThat(inspection.mounts).anyMatch(mount -> mount.mountPoint.equals("/proc") && mount.type.equals("proc"));
        assertThat(inspection.pids.processes).singleElement()
                .satisfies(process -> assertThat(process.containerPid).isEqualTo(1));
        assertThat(inspection.paths.upper).isEqualTo(engine.containers().folderOf(container.id()).resolve("upper").toString());
        assertThat(inspection.toJson()).contains("\"namespaces\"", "\"mounts\"", "\"spec\"");
    }

    /**
     * Runs a first process that orphans two background sleeps and then becomes a plain sleep, which reaps
     * nothing, and returns the lines of ps inside that show a zombie (state Z).
     */
    private List<String> zombiesAfterOrphaning(boolean init) {
        RunningContainer container = engine.startDetached(RunSpec.builder().init(init)
                .command("sh", "-c", "(sleep 0.1 &); (sleep 0.1 &); exec sleep 1000").build());
        sleep(1000);

        RunOutcome ps = engine.execAndCapture(container.id(), ExecSpec.of("ps", "-o", "pid,stat,args"));

        assertThat(ps.exitCode()).as("ps output: %s", ps.output()).isZero();
        List<String> zombies = new ArrayList<>();
        for (String line : ps.output().split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 2 && columns[1].startsWith("Z")) {
                zombies.add(line);
            }
        }
        return zombies;
    }

    private ContainerRecord awaitExited(String id) {
        long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
        while (true) {
            ContainerRecord record = engine.status(id);
            if (record.state == ContainerRecord.State.EXITED) {
                return record;
            }
            assertThat(System.nanoTime()).as("container %s ended within %s", id, EXIT_TIMEOUT).isLessThan(deadline);
            sleep(20);
        }
    }

    private void awaitLogContains(String id, String text) {
        long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
        while (!log(id, false).contains(text)) {
            assertThat(System.nanoTime()).as("log of %s contains '%s'", id, text).isLessThan(deadline);
            sleep(20);
        }
    }

    private String log(String id, boolean follow) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            engine.copyLog(id, out, follow);
        } catch (IOException e) {
            throw new AssertionError("cannot read the log of " + id, e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<MountInfo> mountsMentioning(String id) {
        return MountInfo.readSelf().stream()
                .filter(mount -> mount.mountPoint().contains(id) || mount.source().contains(id)
                        || mount.superOptions().contains(id))
                .toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
