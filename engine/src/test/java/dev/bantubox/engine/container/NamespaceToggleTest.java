package dev.bantubox.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.host.HostFacts;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.engine.testing.TestHome;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** For each namespace toggle, /proc/self/ns/TYPE inside differs from the host's when on and matches when off. */
class NamespaceToggleTest {
    private static TestHome home;

    @BeforeAll
    static void createHome() {
        home = TestHome.create();
    }

    @AfterAll
    static void removeHome() {
        home.close();
    }

    @ParameterizedTest
    @EnumSource(value = Toggle.class, names = {"MOUNT_NS", "UTS_NS", "PID_NS", "IPC_NS", "NET_NS"})
    void namespaceDiffersWhenOnAndMatchesWhenOff(Toggle toggle) {
        String type = nsType(toggle);
        String host = HostFacts.namespaceLink(0, type);

        String inside = readNamespaceInside(ToggleSet.full(), type);
        String insideWithout = readNamespaceInside(withoutToggle(toggle), type);

        assertThat(inside).as("%s namespace with %s on", type, toggle).isNotEqualTo(host).startsWith(type + ":[");
        assertThat(insideWithout).as("%s namespace with %s off", type, toggle).isEqualTo(host);
    }

    private static ToggleSet withoutToggle(Toggle toggle) {
        Set<Toggle> toggles = EnumSet.copyOf(ToggleSet.full().enabled());
        toggles.remove(toggle);
        if (toggle == Toggle.MOUNT_NS) {
            toggles.removeAll(EnumSet.of(Toggle.PIVOT_ROOT, Toggle.OVERLAY));
        }
        return ToggleSet.of(toggles);
    }

    /** Reads the namespace link from inside; /proc/self is the reading process's own. */
    private static String readNamespaceInside(ToggleSet toggles, String type) {
        RunOutcome outcome = home.engine().runAndCapture(RunSpec.builder().toggles(toggles)
                .command("/bin/readlink", "/proc/self/ns/" + type).removeOnExit(true).build());
        assertThat(outcome.exitCode()).as("readlink output: %s", outcome.output()).isZero();
        return outcome.output().trim();
    }

    private static String nsType(Toggle toggle) {
        return switch (toggle) {
            case MOUNT_NS -> "mnt";
            case UTS_NS -> "uts";
            case PID_NS -> "pid";
            case IPC_NS -> "ipc";
            case NET_NS -> "net";
            default -> throw new IllegalArgumentException(toggle + " is not a namespace");
        };
    }
}
