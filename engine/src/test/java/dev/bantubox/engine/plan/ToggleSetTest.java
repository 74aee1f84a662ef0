package dev.bantubox.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class ToggleSetTest {

    @Test
    void fullSetUsesPivotRootNotChroot() {
        ToggleSet full = ToggleSet.full();

        assertThat(full.has(Toggle.PIVOT_ROOT)).isTrue();
        assertThat(full.has(Toggle.CHROOT)).isFalse();
        assertThat(full.enabled()).hasSize(Toggle.values().length - 1);
    }

    @Test
    void chrootAndPivotRootTogetherRejected() {
        assertThatThrownBy(() -> ToggleSet.of(EnumSet.of(Toggle.CHROOT, Toggle.PIVOT_ROOT, Toggle.MOUNT_NS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("choose one of them");
    }

    @Test
    void pivotRootWithoutMountNamespaceRejected() {
        assertThatThrownBy(() -> ToggleSet.of(EnumSet.of(Toggle.PIVOT_ROOT)))
                .hasMessageContaining("PIVOT_ROOT needs MOUNT_NS");
    }

    @Test
    void overlayWithoutMountNamespaceRejected() {
        assertThatThrownBy(() -> ToggleSet.of(EnumSet.of(Toggle.OVERLAY, Toggle.CHROOT)))
                .hasMessageContaining("OVERLAY needs MOUNT_NS");
    }

    @Test
    void overlayWithoutRootChangeRejected() {
        assertThatThrownBy(() -> ToggleSet.of(EnumSet.of(Toggle.OVERLAY, Toggle.MOUNT_NS)))
                .hasMessageContaining("without CHROOT or PIVOT_ROOT");
    }

    @Test
    void everyNamespaceAloneAllowed() {
        for (Toggle toggle : EnumSet.of(Toggle.MOUNT_NS, Toggle.UTS_NS, Toggle.PID_NS, Toggle.IPC_NS, Toggle.NET_NS)) {
            assertThat(ToggleSet.of(EnumSet.of(toggle)).cloneFlags()).as(toggle.name()).isEqualTo(toggle.cloneFlag());
        }
        assertThat(ToggleSet.of(EnumSet.of(Toggle.CHROOT)).cloneFlags()).isZero();
    }

    @Test
    void cloneFlagsCombineNamespaces() {
        int flags = ToggleSet.full().cloneFlags();

        assertThat(CloneFlags.describe(flags))
                .isEqualTo("CLONE_NEWNS|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWPID|CLONE_NEWNET|SIGCHLD");
    }

    @Test
    void toggleParsesOptionAndEnumNames() {
        assertThat(Toggle.parse("pid-ns")).isEqualTo(Toggle.PID_NS);
        assertThat(Toggle.parse("PIVOT_ROOT")).isEqualTo(Toggle.PIVOT_ROOT);
        assertThatThrownBy(() -> Toggle.parse("user-ns")).hasMessageContaining("unknown toggle 'user-ns'");
    }

    @Test
    void withSwitchesOneToggleAndChecksAgain() {
        ToggleSet withoutNet = ToggleSet.full().with(Toggle.NET_NS, false);

        assertThat(withoutNet.has(Toggle.NET_NS)).isFalse();
        assertThatThrownBy(() -> withoutNet.with(Toggle.MOUNT_NS, false)).hasMessageContaining("needs MOUNT_NS");
    }
}
