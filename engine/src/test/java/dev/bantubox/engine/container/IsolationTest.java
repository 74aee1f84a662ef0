package dev.bantubox.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.host.HostFacts;
import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.engine.testing.TestHome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What each isolation step changes, seen from inside a real container. */
class IsolationTest {
    private static TestHome home;

    @BeforeAll
    static void createHome() {
        home = TestHome.create();
    }

    @AfterAll
    static void removeHome() {
        home.close();
    }

    private static RunOutcome run(RunSpec.Builder spec) {
        return home.engine().runAndCapture(spec.removeOnExit(true).build());
    }

    @Test
    void hostnameInsideIsChosenAndHostUnchanged() {
        String hostBefore = HostFacts.hostname();

        RunOutcome outcome = run(RunSpec.builder().hostname("lesson-six").command("hostname"));

        assertThat(outcome.output().trim()).isEqualTo("lesson-six");
        assertThat(HostFacts.hostname()).isEqualTo(hostBefore);
    }

    @Test
    void hostnameDefaultsToShortContainerId() {
        RunOutcome outcome = run(RunSpec.builder().command("hostname"));

        assertThat(outcome.output().trim()).isEqualTo(outcome.containerId().substring(0, 12));
    }

    @Test
    void pidNamespaceShowsCommandAsPidOneAndNoHostProcess() {
        RunOutcome outcome = run(RunSpec.builder().command("sh", "-c", "exec ps -o pid,comm"));
        List<String> rows = outcome.output().lines().skip(1).map(String::trim).toList();

        assertThat(rows).as("ps output:%n%s", outcome.output()).containsExactly("1 ps");
    }

    @Test
    void withoutPidNamespaceCommandIsNotPidOne() {
        ToggleSet toggles = ToggleSet.full().with(Toggle.PID_NS, false);

        RunOutcome outcome = run(RunSpec.builder().toggles(toggles).command("sh", "-c", "echo $$"));

        assertThat(Integer.parseInt(outcome.output().trim())).isGreaterThan(1);
    }

    @Test
    void netNamespaceHasOnlyLoopback() {
        RunOutcome outcome = run(RunSpec.builder().network(NetworkMode.NONE).command("ip", "-o", "link"));
        List<String> links = outcome.output().lines().map(line -> line.split(":")[1].trim()).toList();

        assertThat(links).as("ip link output:%n%s", outcome.output()).containsExactly("lo");
        assertThat(outcome.output()).contains("UP");
    }

    @Test
    void overlayWriteLandsInUpperAndImageUntouched() throws IOException {
        RunSpec spec = RunSpec.builder().command("sh", "-c", "echo learned > /etc/lesson.txt").build();
        RunOutcome outcome = home.engine().runAndCapture(spec);
        Path folder = home.engine().containers().folderOf(outcome.containerId());
        try {
            Path image = home.engine().images().resolve("busybox").rootfs();

            assertThat(outcome.exitCode()).isZero();
            assertThat(folder.resolve("upper/etc/lesson.txt")).hasContent("learned");
            assertThat(image.resolve("etc/lesson.txt")).doesNotExist();
        } finally {
            home.engine().containers().delete(outcome.containerId());
        }
    }

    @Test
    void withoutOverlayWriteLandsInCopy() {
        ToggleSet toggles = ToggleSet.full().with(Toggle.OVERLAY, false);
        RunSpec spec = RunSpec.builder().toggles(toggles).command("sh", "-c", "echo copied > /etc/lesson.txt").build();
        RunOutcome outcome = home.engine().runAndCapture(spec);
        Path folder = home.engine().containers().folderOf(outcome.containerId());
        try {
            Path image = home.engine().images().resolve("busybox").rootfs();

            assertThat(outcome.exitCode()).isZero();
            assertThat(folder.resolve("rootfs/etc/lesson.txt")).hasContent("copied");
            assertThat(folder.resolve("upper")).doesNotExist();
            assertThat(image.resolve("etc/lesson.txt")).doesNotExist();
        } finally {
            home.engine().containers().delete(outcome.containerId());
        }
    }

    @Test
    void mountNamespaceGivesFreshProcDevAndReadOnlySys() {
        RunOutcome outcome = run(RunSpec.builder().command("sh", "-c",
                "ls /dev; touch /sys/x 2>/dev/null && echo sys-writable || echo sys-read-only"));

        assertThat(outcome.output()).contains("null", "zero", "full", "random", "urandom", "tty", "pts", "ptmx", "shm");
        assertThat(outcome.output()).contains("sys-read-only");
    }

    @Test
    void mountsStayInsideContainer() {
        int mountsBefore = home.mountsBelow().size();

        RunOutcome outcome = run(RunSpec.builder().command("sh", "-c", "mount -t tmpfs none /mnt && echo mounted"));

        assertThat(outcome.output()).contains("mounted");
        assertThat(home.mountsBelow()).hasSize(mountsBefore);
    }

    @Test
    void chrootAloneHasNoProc() {
        ToggleSet chrootOnly = ToggleSet.of(EnumSet.of(Toggle.CHROOT));

        RunOutcome outcome = run(RunSpec.builder().toggles(chrootOnly).command("sh", "-c", "ls /proc | wc -l"));

        assertThat(outcome.output().trim()).isEqualTo("0");
    }

    @Test
    void noIsolationRunsOnHostRoot() {
        RunOutcome outcome = run(RunSpec.builder().toggles(ToggleSet.none()).command("cat", "/proc/sys/kernel/hostname"));

        assertThat(outcome.output().trim()).isEqualTo(HostFacts.hostname());
    }

    @Test
    void exitStatusIsTheCommandsOwn() {
        assertThat(run(RunSpec.builder().command("sh", "-c", "exit 3")).exitCode()).isEqualTo(3);
    }

    @Test
    void killedCommandExitsWithOneTwentyEightPlusSignal() {
        ToggleSet toggles = ToggleSet.full().with(Toggle.PID_NS, false);

        assertThat(run(RunSpec.builder().toggles(toggles).command("sh", "-c", "kill -9 $$")).exitCode()).isEqualTo(137);
    }

    @Test
    void pidOneIgnoresItsOwnSigkill() {
        // The kernel drops signals that a namespace's init sends itself unless it has a handler, SIGKILL included.
        RunOutcome outcome = run(RunSpec.builder().command("sh", "-c", "kill -9 $$; echo still alive"));

        assertThat(outcome.output().trim()).isEqualTo("still alive");
        assertThat(outcome.exitCode()).isZero();
    }

    @Test
    void environmentAndWorkingDirectoryApplied() {
        RunOutcome outcome = run(RunSpec.builder().environment(List.of("LESSON=seven")).workingDirectory("/etc")
                .command("sh", "-c", "echo $LESSON $(pwd)"));

        assertThat(outcome.output().trim()).isEqualTo("seven /etc");
    }

    @Test
    void strayDescriptorsAreClosedBeforeExec() {
        RunOutcome outcome = run(RunSpec.builder().command("ls", "/proc/self/fd"));

        // 0, 1, 2, and 3 for the directory ls itself opened to read /proc/self/fd.
        assertThat(outcome.output().lines().toList()).containsExactly("0", "1", "2", "3");
    }

    @Test
    void journalOfFullRunNamesKeyStepsInOrder() {
        RunOutcome outcome = run(RunSpec.builder().command("true"));
        List<String> calls = outcome.journal().stream().map(JournalRecord::call).toList();

        List<Integer> order = firstIndexes(calls, "clone(", "mount(\"overlay\"", "pivot_root(", "sethostname(", "execve(");

        assertThat(order).as("journal: %s", calls).isSorted();
        assertThat(outcome.journal()).allMatch(record -> record.durationNanos() >= 0);
        assertThat(outcome.journal().get(outcome.journal().size() - 1).call()).startsWith("execve(\"true\"");
    }

    private static List<Integer> firstIndexes(List<String> calls, String... prefixes) {
        return java.util.Arrays.stream(prefixes).map(prefix -> {
            for (int i = 0; i < calls.size(); i++) {
                if (calls.get(i).startsWith(prefix)) {
                    return i;
                }
            }
            throw new AssertionError("no journal record starts with " + prefix + ": " + calls);
        }).toList();
    }
}
