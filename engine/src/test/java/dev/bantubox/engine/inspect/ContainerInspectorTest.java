package dev.bantubox.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.testing.TestHome;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContainerInspectorTest {
    private static TestHome home;

    @BeforeAll
    static void createHome() {
        home = TestHome.create();
    }

    @AfterAll
    static void removeHome() {
        home.close();
    }

    @Test
    void runningContainerIsInspectedFully() {
        AtomicReference<ContainerSnapshot> seen = new AtomicReference<>();
        AtomicInteger hostPid = new AtomicInteger();

        RunOutcome outcome = home.engine().runAndCapture(RunSpec.builder().command("sleep", "1").network(NetworkMode.NONE)
                        .removeOnExit(true).build(),
                container -> {
                    hostPid.set(container.pid());
                    seen.set(ContainerInspector.inspect(container));
                });

        ContainerSnapshot snapshot = seen.get();
        assertThat(outcome.exitCode()).isZero();
        assertThat(snapshot.missed()).isNull();
        assertThat(snapshot.processes()).hasSize(1);
        assertThat(snapshot.processes().get(0).hostPid()).isEqualTo(hostPid.get());
        assertThat(snapshot.processes().get(0).containerPid()).isEqualTo(1);
        assertThat(snapshot.processes().get(0).namespacePids()).containsExactly(hostPid.get(), 1);
        assertThat(snapshot.interfaces()).extracting(NetworkInterface::name).containsExactly("lo");
        assertThat(snapshot.interfaces().get(0).addresses()).contains("127.0.0.1/8");
        assertThat(snapshot.rootMount().type()).isEqualTo("overlay");
        assertThat(snapshot.cgroups()).isNotEmpty();
        for (String type : List.of("mnt", "uts", "ipc", "pid", "net")) {
            assertThat(snapshot.container().shares(snapshot.host(), type)).as(type).isFalse();
        }
        for (String type : List.of("cgroup", "user")) {
            assertThat(snapshot.container().shares(snapshot.host(), type)).as(type).isTrue();
        }
    }

    @Test
    void endedCommandKeepsRecordedNamespaces() {
        AtomicReference<ContainerSnapshot> seen = new AtomicReference<>();

        home.engine().runAndCapture(RunSpec.builder().command("true").removeOnExit(true).build(), container -> {
            container.waitForExit();
            seen.set(ContainerInspector.inspect(container));
        });

        ContainerSnapshot snapshot = seen.get();
        assertThat(snapshot.missed()).contains("ended before it could be inspected");
        assertThat(snapshot.processes()).isEmpty();
        assertThat(snapshot.container().shares(snapshot.host(), "pid")).isFalse();
        assertThat(snapshot.container().inode("pid")).isPositive();
    }

    @Test
    void parseBriefAddressOutput() {
        List<NetworkInterface> links = NetworkSnapshot.parse("""
                lo               UNKNOWN        127.0.0.1/8 ::1/128
                eth0@if7         UP             10.88.0.2/16
                dummy0           DOWN
                """);

        assertThat(links).extracting(NetworkInterface::name).containsExactly("lo", "eth0", "dummy0");
        assertThat(links.get(1).state()).isEqualTo("UP");
        assertThat(links.get(1).addresses()).containsExactly("10.88.0.2/16");
        assertThat(links.get(2).addresses()).isEmpty();
    }
}
