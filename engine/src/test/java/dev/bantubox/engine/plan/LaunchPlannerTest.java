package dev.bantubox.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class LaunchPlannerTest {
    private static final Path IMAGE = Path.of("/home/images/busybox/rootfs");
    private static final Path FOLDER = Path.of("/home/containers/abc");
    private static final RootFilesystem.Overlay OVERLAY = new RootFilesystem.Overlay(IMAGE,
            FOLDER.resolve("upper"), FOLDER.resolve("work"), FOLDER.resolve("merged"));

    private static LaunchRequest request(ToggleSet toggles, RootFilesystem root, String hostname, boolean ramfs) {
        return new LaunchRequest(toggles, root, hostname, List.of("sh", "-c", "true"), List.of("PATH=/bin"), null,
                LaunchRequest.Stdio.inherit(), ramfs);
    }

    private static List<StepKind> kinds(LaunchPlan plan) {
        return plan.steps().stream().map(Step::kind).toList();
    }

    @Test
    void fullPlanMakesRootPrivateBeforeAnyOtherMount() {
        LaunchPlan plan = LaunchPlanner.plan(request(ToggleSet.full(), OVERLAY, "box", false));

        Step first = plan.steps().get(0);
        Step firstMount = plan.steps().stream().filter(step -> step.kind() == StepKind.MOUNT).findFirst().orElseThrow();
        assertThat(first.kind()).isEqualTo(StepKind.WAIT_FOR_PARENT);
        assertThat(firstMount.arguments().get(1)).isEqualTo("/");
        assertThat(firstMount.number()).isEqualTo(MountFlags.of(MountFlags.MS_REC, MountFlags.MS_PRIVATE));
    }

    @Test
    void fullPlanOrdersOverlayProcPivotHostnameExec() {
        LaunchPlan plan = LaunchPlanner.plan(request(ToggleSet.full(), OVERLAY, "box", false));
        List<String> calls = plan.steps().stream().map(Step::describe).toList();

        int overlay = indexOf(calls, "mount(\"overlay\"");
        int proc = indexOf(calls, "mount(\"proc\"");
        int pivot = indexOf(calls, "pivot_root(\".\", \".\")");
        int detach = indexOf(calls, "umount2(\".\", MNT_DETACH)");
        int hostname = indexOf(calls, "sethostname(\"box\")");
        int closeFds = indexOf(calls, "close-fds()");
        int exec = indexOf(calls, "execve(\"sh\"");

        assertThat(overlay).isLessThan(proc);
        assertThat(proc).isLessThan(pivot);
        assertThat(pivot + 1).isEqualTo(detach);
        assertThat(detach).isLessThan(hostname);
        assertThat(hostname).isLessThan(closeFds);
        assertThat(exec).isEqualTo(calls.size() - 1);
        assertThat(plan.cloneFlags()).isEqualTo(ToggleSet.full().cloneFlags());
    }

    @Test
    void overlayDataNamesAllThreeLayers() {
        assertThat(OVERLAY.mountData()).isEqualTo("lowerdir=/home/images/busybox/rootfs,upperdir=/home/containers/abc/upper,"
                + "workdir=/home/containers/abc/work");
    }

    @Test
    void minimalDevHasTheSixNodesPtsAndShm() {
        LaunchPlan plan = LaunchPlanner.plan(request(ToggleSet.full(), OVERLAY, null, false));
        List<String> nodes = plan.steps().stream().filter(step -> step.kind() == StepKind.MKNOD)
                .map(step -> Path.of(step.arguments().get(0)).getFileName().toString()).toList();

        assertThat(nodes).containsExactly("null", "zero", "full", "random", "urandom", "tty");
        assertThat(plan.steps()).anyMatch(step -> step.describe().startsWith("mount(\"devpts\""));
        assertThat(plan.steps()).anyMatch(step -> step.describe().startsWith("mount(\"shm\""));
        assertThat(plan.steps()).anyMatch(step -> step.describe().startsWith("mount(\"sysfs\"")
                && (step.number() & MountFlags.MS_RDONLY.bit()) != 0);
    }

    @Test
    void ramfsRootMovesAndChrootsInsteadOfPivoting() {
        LaunchPlan plan = LaunchPlanner.plan(request(ToggleSet.full(), OVERLAY, null, true));

        assertThat(kinds(plan)).doesNotContain(StepKind.PIVOT_ROOT).contains(StepKind.CHROOT);
        assertThat(plan.steps()).anyMatch(step -> step.kind() == StepKind.MOUNT && step.number() == MountFlags.MS_MOVE.bit());
    }

    @Test
    void chrootWithoutMountNamespaceMountsNothing() {
        ToggleSet chrootOnly = ToggleSet.of(EnumSet.of(Toggle.CHROOT));
        LaunchPlan plan = LaunchPlanner.plan(request(chrootOnly, new RootFilesystem.Copy(FOLDER.resolve("rootfs")), null, false));

        assertThat(kinds(plan)).doesNotContain(StepKind.MOUNT, StepKind.PIVOT_ROOT).contains(StepKind.CHROOT);
        assertThat(plan.cloneFlags()).isZero();
    }

    @Test
    void pivotRootOnCopyBindMountsTheCopyOntoItself() {
        ToggleSet toggles = ToggleSet.full().with(Toggle.OVERLAY, false);
        String copy = FOLDER.resolve("rootfs").toString();
        LaunchPlan plan = LaunchPlanner.plan(request(toggles, new RootFilesystem.Copy(Path.of(copy)), null, false));

        assertThat(plan.steps()).anyMatch(step -> step.kind() == StepKind.MOUNT && step.arguments().get(0).equals(copy)
                && step.arguments().get(1).equals(copy)
                && step.number() == MountFlags.of(MountFlags.MS_BIND, MountFlags.MS_REC));
    }

    @Test
    void noIsolationIsForkAndExecOnly() {
        LaunchPlan plan = LaunchPlanner.plan(request(ToggleSet.none(), new RootFilesystem.HostRoot(), null, false));

        assertThat(kinds(plan)).containsExactly(StepKind.WAIT_FOR_PARENT, StepKind.CLOSE_FDS, StepKind.RESET_SIGNALS,
                StepKind.EXECVE);
        assertThat(plan.cloneFlags()).isZero();
    }

    @Test
    void hostnameOfSixtyFiveCharactersRejected() {
        String longName = "a".repeat(65);

        assertThatThrownBy(() -> LaunchPlanner.plan(request(ToggleSet.full(), OVERLAY, longName, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65 characters")
                .hasMessageContaining("at most 64");
    }

    @Test
    void hostnameOfSixtyFourCharactersAccepted() {
        LaunchPlan plan = LaunchPlanner.plan(request(ToggleSet.full(), OVERLAY, "b".repeat(64), false));

        assertThat(plan.steps()).anyMatch(step -> step.kind() == StepKind.SETHOSTNAME);
    }

    @Test
    void hostnameWithoutUtsNamespaceRejected() {
        ToggleSet toggles = ToggleSet.full().with(Toggle.UTS_NS, false);

        assertThatThrownBy(() -> LaunchPlanner.plan(request(toggles, OVERLAY, "box", false)))
                .hasMessageContaining("would rename the host");
    }

    @Test
    void hostnameWithSpaceRejected() {
        assertThatThrownBy(() -> LaunchPlanner.plan(request(ToggleSet.full(), OVERLAY, "my box", false)))
                .hasMessageContaining("may contain only letters");
    }

    @Test
    void emptyCommandRejected() {
        LaunchRequest empty = new LaunchRequest(ToggleSet.full(), OVERLAY, null, List.of(), List.of(), null,
                LaunchRequest.Stdio.inherit(), false);

        assertThatThrownBy(() -> LaunchPlanner.plan(empty)).hasMessageContaining("no command given");
    }

    @Test
    void overlayPathWithCommaRejected() {
        RootFilesystem.Overlay odd = new RootFilesystem.Overlay(Path.of("/a,b"), Path.of("/u"), Path.of("/w"), Path.of("/m"));

        assertThatThrownBy(() -> LaunchPlanner.plan(request(ToggleSet.full(), odd, null, false)))
                .hasMessageContaining("may not contain ',' or ':'");
    }

    @Test
    void joinStepsRunRightAfterGoSignal() {
        Step join = Step.writeFile("/sys/fs/cgroup/pids/bantubox-abc/tasks", "0");
        LaunchRequest request = new LaunchRequest(ToggleSet.full(), OVERLAY, null, List.of("true"), List.of(), null,
                LaunchRequest.Stdio.inherit(), false, null, List.of(join));

        List<Step> steps = LaunchPlanner.plan(request).steps();

        assertThat(steps.get(0).kind()).isEqualTo(StepKind.WAIT_FOR_PARENT);
        assertThat(steps.get(1)).isEqualTo(join);
        assertThat(join.describe()).isEqualTo("write(\"/sys/fs/cgroup/pids/bantubox-abc/tasks\", \"0\")");
    }

    @Test
    void stdioDescriptorsBecomeDupSteps() {
        LaunchRequest withPipes = new LaunchRequest(ToggleSet.none(), new RootFilesystem.HostRoot(), null, List.of("true"),
                List.of(), null, new LaunchRequest.Stdio(7, 8, 8), false);
        List<String> calls = LaunchPlanner.plan(withPipes).steps().stream().map(Step::describe).toList();

        assertThat(calls).contains("dup2(7, 0)", "dup2(8, 1)", "dup2(8, 2)");
    }

    @Test
    void encodingStartsWithMagicFlagsAndStepCount() {
        LaunchPlan plan = LaunchPlanner.plan(request(ToggleSet.full(), OVERLAY, "box", false));
        ByteBuffer encoded = ByteBuffer.wrap(plan.encode()).order(ByteOrder.nativeOrder());

        assertThat(new String(plan.encode(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("BBP1");
        assertThat(encoded.getInt(4)).isEqualTo(plan.cloneFlags());
        assertThat(encoded.getInt(12)).isEqualTo(plan.steps().size());
        assertThat(encoded.getInt(16)).isEqualTo(StepKind.WAIT_FOR_PARENT.wireNumber());
    }

    private static int indexOf(List<String> calls, String prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no step starting with " + prefix + " in " + calls);
    }
}
