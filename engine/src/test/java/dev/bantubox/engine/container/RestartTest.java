package dev.bantubox.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.cgroup.CgroupLimits;
import dev.bantubox.engine.cgroup.CgroupUsage;
import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.testing.TestHome;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Engine.restart on the real kernel: same container, same writable layer, new process. */
class RestartTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(5);

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
    void restartKeepsIdNameAndWrittenFiles() {
        RunningContainer first = engine.startDetached(RunSpec.builder().name("keeper").init(true)
                .network(NetworkMode.NONE)
                .command("sh", "-c", "echo run >> /runs; echo started; exec sleep 1000").build());
        awaitLogCount(first.id(), "started", 1);

        RunningContainer second = engine.restart("keeper", GRACE);
        awaitLogCount(second.id(), "started", 2);

        ContainerRecord record = engine.status("keeper");
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(record.state).isEqualTo(ContainerRecord.State.RUNNING);
        assertThat(record.name).isEqualTo("keeper");
        assertThat(record.created).isEqualTo(first.record().created);
        assertThat(second.pid()).isNotEqualTo(first.pid());
        assertThat(record.started).isNotEqualTo(first.record().started);
        assertThat(engine.execAndCapture("keeper", ExecSpec.of("cat", "/runs")).output())
                .as("the file the first run wrote is still in the writable layer").isEqualTo("run\nrun\n");
    }

    @Test
    void restartOfExitedContainerKeepsLimits() {
        CgroupLimits limits = CgroupLimits.none().withMemory(32L << 20).withPidsLimit(20L);
        RunningContainer first = engine.startDetached(RunSpec.builder().init(true).limits(limits)
                .network(NetworkMode.NONE).command("sleep", "1000").build());
        ContainerRecord stopped = engine.stop(first.id(), GRACE);
        assertThat(stopped.state).isEqualTo(ContainerRecord.State.EXITED);

        engine.restart(first.id(), GRACE);
        CgroupUsage usage = engine.usage(first.id());

        assertThat(engine.status(first.id()).state).isEqualTo(ContainerRecord.State.RUNNING);
        assertThat(usage.memoryLimitBytes()).isEqualTo(32L << 20);
        assertThat(usage.pidsLimit()).isEqualTo(20L);
    }

    @Test
    void restartOnBridgeGetsAddressAgain() {
        RunningContainer first = engine.startDetached(RunSpec.builder().init(true).network(NetworkMode.BRIDGE)
                .command("sleep", "1000").build());
        engine.stop(first.id(), GRACE);
        assertThat(home.network().links()).as("the veth pair is gone after the stop")
                .noneMatch(link -> link.startsWith("bbh"));

        engine.restart(first.id(), GRACE);
        ContainerRecord record = engine.status(first.id());
        String links = engine.execAndCapture(first.id(), ExecSpec.of("ip", "-o", "-4", "addr", "show", "eth0")).output();

        assertThat(record.network.mode).isEqualTo("bridge");
        assertThat(record.network.address).isNotNull();
        assertThat(links).contains(record.network.address);
    }

    @Test
    void restartRejectsRemoveOnExitContainer() {
        RunningContainer container = engine.startDetached(RunSpec.builder().removeOnExit(true).init(true)
                .network(NetworkMode.NONE).command("sleep", "1000").build());

        assertThatThrownBy(() -> engine.restart(container.id(), GRACE))
                .isInstanceOf(EngineException.class).hasMessageContaining("--rm");
        assertThat(engine.status(container.id()).state).as("left running").isEqualTo(ContainerRecord.State.RUNNING);
    }

    private void awaitLogCount(String id, String line, int count) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (log(id).split(line, -1).length - 1 < count) {
            assertThat(System.nanoTime()).as("log of %s shows '%s' %d times: %s", id, line, count, log(id))
                    .isLessThan(deadline);
            sleep(20);
        }
    }

    private String log(String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            engine.copyLog(id, out, false);
        } catch (IOException e) {
            throw new AssertionError("cannot read the log of " + id, e);
        }
        return out.toString(StandardCharsets.UTF_8);
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
