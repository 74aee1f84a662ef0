package dev.bantubox.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The plans for exec and for --init, checked without a kernel. */
class ExecAndInitPlanTest {
    private static final LaunchRequest.Stdio INHERIT = LaunchRequest.Stdio.inherit();

    @Test
    void execJoinsMountNamespaceLastThenForks() {
        LaunchPlan plan = LaunchPlanner.planExec(new ExecRequest(4242, ToggleSet.full(), List.of("hostname"),
                List.of("PATH=/bin"), null, INHERIT));

        List<String> calls = plan.steps().stream().map(Step::describe).toList();

        assertThat(plan.cloneFlags()).as("exec clones no namespace of its own").isZero();
        assertThat(calls).containsSubsequence(
                "setns(\"/proc/4242/ns/uts\", CLONE_NEWUTS)",
                "setns(\"/proc/4242/ns/pid\", CLONE_NEWPID)",
                "setns(\"/proc/4242/ns/mnt\", CLONE_NEWNS)",
                "chdir(\"/\")",
                "fork()");
        assertThat(plan.steps().get(plan.steps().size() - 1).kind()).isEqualTo(StepKind.EXECVE);
        assertThat(plan.steps()).noneMatch(step -> step.kind() == StepKind.CHROOT);
    }

    @Test
    void execIntoChrootContainerTakesItsRoot() {
        ToggleSet toggles = ToggleSet.of(EnumSet.of(Toggle.CHROOT, Toggle.UTS_NS));

        List<String> calls = LaunchPlanner.planExec(new ExecRequest(77, toggles, List.of("ls"), List.of(), "/etc",
                INHERIT)).steps().stream().map(Step::describe).toList();

        assertThat(calls).containsSubsequence("setns(\"/proc/77/ns/uts\", CLONE_NEWUTS)", "chroot(\"/proc/77/root\")",
                "chdir(\"/etc\")");
        assertThat(calls).noneMatch(call -> call.startsWith("fork") || call.contains("ns/mnt"));
    }

    @Test
    void terminalExecTakesTerminalAfterFork() {
        LaunchRequest.Stdio slave = new LaunchRequest.Stdio(9, 9, 9);
        LaunchPlan plan = LaunchPlanner.planExec(new ExecRequest(4242, ToggleSet.full(), List.of("sh"),
                List.of("PATH=/bin"), null, slave, List.of(), true));

        List<StepKind> kinds = plan.steps().stream().map(Step::kind).toList();
        List<String> calls = plan.steps().stream().map(Step::describe).toList();

        // The forked process is the one that execs, so it must be the session leader that owns the terminal.
        assertThat(kinds).containsSubsequence(StepKind.FORK, StepKind.SETSID, StepKind.SET_CTTY,
                StepKind.CLOSE_FDS, StepKind.EXECVE);
        assertThat(kinds.indexOf(StepKind.SETSID)).isEqualTo(kinds.indexOf(StepKind.FORK) + 1);
        assertThat(kinds.indexOf(StepKind.SET_CTTY)).isEqualTo(kinds.indexOf(StepKind.SETSID) + 1);
        assertThat(calls).containsSubsequence("dup2(9, 0)", "dup2(9, 1)", "dup2(9, 2)",
                "setns(\"/proc/4242/ns/mnt\", CLONE_NEWNS)", "fork()", "setsid()", "set-ctty(0, TIOCSCTTY)");
    }

    @Test
    void terminalExecWithoutPidNamespaceNeedsNoFork() {
        ToggleSet toggles = ToggleSet.of(EnumSet.of(Toggle.MOUNT_NS, Toggle.PIVOT_ROOT, Toggle.OVERLAY));
        LaunchPlan plan = LaunchPlanner.planExec(new ExecRequest(77, toggles, List.of("sh"), List.of(), null,
                new LaunchRequest.Stdio(5, 5, 5), List.of(), true));

        List<StepKind> kinds = plan.steps().stream().map(Step::kind).toList();

        assertThat(kinds).doesNotContain(StepKind.FORK);
        assertThat(kinds).containsSubsequence(StepKind.SETNS, StepKind.CHDIR, StepKind.SETSID, StepKind.SET_CTTY,
                StepKind.EXECVE);
    }

    @Test
    void plainExecStaysInEngineSession() {
        LaunchPlan plan = LaunchPlanner.planExec(new ExecRequest(4242, ToggleSet.full(), List.of("sh"), List.of(), null,
                INHERIT));

        assertThat(plan.steps()).noneMatch(step -> step.kind() == StepKind.SETSID || step.kind() == StepKind.SET_CTTY);
    }

    @Test
    void terminalExecRejectsInheritedInput() {
        assertThatThrownBy(() -> LaunchPlanner.planExec(new ExecRequest(1, ToggleSet.full(), List.of("sh"), List.of(),
                null, INHERIT, List.of(), true))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("controlling terminal needs the terminal's slave as standard input");
    }

    @Test
    void execRejectsMissingCommand() {
        assertThatThrownBy(() -> LaunchPlanner.planExec(new ExecRequest(1, ToggleSet.full(), List.of(), List.of(), null,
                INHERIT))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no command");
    }

    @Test
    void initOpenedBeforeRootChange() {
        Path init = Path.of("/opt/bantubox/bantubox-init");
        RootFilesystem.Overlay root = new RootFilesystem.Overlay(Path.of("/i"), Path.of("/c/upper"), Path.of("/c/work"),
                Path.of("/c/merged"));
        LaunchPlan plan = LaunchPlanner.plan(new LaunchRequest(ToggleSet.full(), root, "box", List.of("sleep", "9"),
                List.of("PATH=/bin"), null, INHERIT, false, init));

        List<StepKind> kinds = plan.steps().stream().map(Step::kind).toList();
        Step last = plan.steps().get(plan.steps().size() - 1);

        assertThat(kinds.indexOf(StepKind.OPEN)).isLessThan(kinds.indexOf(StepKind.PIVOT_ROOT));
        assertThat(last.kind()).isEqualTo(StepKind.EXECVEAT);
        assertThat(last.arguments()).startsWith(init.toString(), LaunchPlanner.INIT_NAME, "sleep", "9");
        assertThat(kinds).doesNotContain(StepKind.EXECVE);
    }

    @Test
    void initStartsWithSignalsBlocked() {
        LaunchPlan plan = LaunchPlanner.plan(new LaunchRequest(ToggleSet.none(), new RootFilesystem.HostRoot(), null,
                List.of("sleep", "9"), List.of(), null, INHERIT, false, Path.of("/opt/bantubox/bantubox-init")));

        Step signals = plan.steps().stream().filter(step -> step.kind() == StepKind.RESET_SIGNALS).findFirst().orElseThrow();

        // A SIGTERM sent before bantubox-init blocks its signals itself would be dropped by the kernel.
        assertThat(signals).isEqualTo(Step.blockSignalsForInit());
        assertThat(signals.describe()).isEqualTo("reset-signals(all blocked for bantubox-init)");
    }
}
