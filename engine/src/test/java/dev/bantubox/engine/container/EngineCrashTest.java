package dev.bantubox.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.host.MountInfo;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.network.NetworkSettings;
import dev.bantubox.engine.testing.DetachedEngineMain;
import dev.bantubox.engine.testing.TestHome;
import dev.bantubox.engine.util.TreeRemover;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An engine killed with SIGKILL while its detached container runs loses nothing: the container keeps
 * running under its shim, the exit status is recorded, and the next engine reports and cleans up.
 */
class EngineCrashTest {
    private static final int SIGKILL = 9;
    private static final long MS_BIND = 4096;

    private TestHome home;
    private Process engineProcess;
    private final List<Path> killedEnginesNativeFolders = new ArrayList<>();

    @BeforeEach
    void createHome() {
        home = TestHome.create();
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (engineProcess != null && engineProcess.isAlive()) {
            NativeLibraries.get().libc().kill((int) engineProcess.pid(), SIGKILL);
            engineProcess.waitFor(10, TimeUnit.SECONDS);
        }
        home.close();
        killedEnginesNativeFolders.forEach(TreeRemover::remove);
    }

    @Test
    void killedEngineLeavesContainerRunningAndStoppable() throws Exception {
        String id = startInKilledEngine("sleep", "1000");

        Engine next = new Engine(new EngineHome(home.root()), NetworkSettings.defaults().inNamespace(home.network().name()));
        ContainerRecord listed = listed(next, id, false);

        assertThat(listed.status()).isEqualTo("running");
        assertThat(listed.isRunning()).as("pid %d runs", listed.pid).isTrue();

        ContainerRecord stopped = next.stop(id, Duration.ofSeconds(1));

        assertThat(stopped.status()).isEqualTo("exited (137)");
        assertThat(listed(next, id, true).status()).isEqualTo("exited (137)");

        next.remove(id, false);

        assertThat(mountsMentioning(id)).isEmpty();
        assertThat(next.containers().folderOf(id)).doesNotExist();
        assertThat(next.list(true)).noneMatch(record -> record.id.equals(id));
    }

    @Test
    void exitWhileNoEngineRunsKeepsExitCode() throws Exception {
        String id = startInKilledEngine("sh", "-c", "sleep 1; exit 3");
        Path exitStatus = home.root().resolve("containers").resolve(id).resolve("exit-status.json");
        awaitFile(exitStatus, Duration.ofSeconds(10));

        Engine next = new Engine(new EngineHome(home.root()), NetworkSettings.defaults().inNamespace(home.network().name()));

        assertThat(listed(next, id, true).status()).isEqualTo("exited (3)");
        assertThat(next.list(false)).noneMatch(record -> record.id.equals(id));
    }

    @Test
    void nextEngineUnmountsLeftoversOfEndedContainers() throws Exception {
        String ended = startInKilledEngine("true");
        awaitFile(home.root().resolve("containers").resolve(ended).resolve("exit-status.json"), Duration.ofSeconds(10));
        Engine engine = home.engine();
        String running = engine.startDetached(RunSpec.builder().command("sleep", "1000").build()).id();
        Path endedLeftover = bindMountBelow(ended);
        Path runningMount = bindMountBelow(running);

        Engine next = new Engine(new EngineHome(home.root()), NetworkSettings.defaults().inNamespace(home.network().name()));

        assertThat(mountPoints()).as("mount below the ended container").doesNotContain(endedLeftover.toString());
        assertThat(mountPoints()).as("mount below the running container").contains(runningMount.toString());

        next.remove(running, true);

        assertThat(mountsMentioning(running)).isEmpty();
        assertThat(next.containers().folderOf(running)).doesNotExist();
    }

    /**
     * Starts a detached container from an engine in another JVM, kills that JVM with SIGKILL by its pid,
     * and returns the container's id.
     */
    private String startInKilledEngine(String... command) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                DetachedEngineMain.class.getName(), home.root().toString(), home.network().name()));
        arguments.addAll(List.of(command));
        engineProcess = new ProcessBuilder(arguments).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String id;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(engineProcess.getInputStream(),
                StandardCharsets.UTF_8))) {
            id = reader.readLine();
            String nativeFolder = reader.readLine();
            assertThat(id).as("container id printed by the engine JVM").isNotNull().hasSize(64);
            assertThat(nativeFolder).as("native folder printed by the engine JVM").isNotNull();
            killedEnginesNativeFolders.add(Path.of(nativeFolder));
            NativeLibraries.get().libc().kill((int) engineProcess.pid(), SIGKILL);
        }
        assertThat(engineProcess.waitFor(10, TimeUnit.SECONDS)).as("engine JVM ended after SIGKILL").isTrue();
        assertThat(engineProcess.exitValue()).isEqualTo(128 + SIGKILL);
        return id;
    }

    /** Bind-mounts an empty folder onto another inside the container's folder, as an engine could leave one. */
    private Path bindMountBelow(String id) throws IOException {
        Path folder = home.root().resolve("containers").resolve(id);
        Path source = Files.createDirectories(folder.resolve("leftover-source"));
        Path target = Files.createDirectories(folder.resolve("leftover"));
        int result = NativeLibraries.get().libc().mount(source.toString(), target.toString(), null, MS_BIND, null);
        assertThat(result).as("bind mount onto %s", target).isZero();
        return target;
    }

    private static ContainerRecord listed(Engine engine, String id, boolean all) {
        return engine.list(all).stream().filter(record -> record.id.equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("ps " + (all ? "-a " : "") + "does not list " + id));
    }

    private static List<String> mountPoints() {
        return MountInfo.readSelf().stream().map(MountInfo::mountPoint).toList();
    }

    private static List<MountInfo> mountsMentioning(String id) {
        return MountInfo.readSelf().stream()
                .filter(mount -> mount.mountPoint().contains(id) || mount.source().contains(id)
                        || mount.superOptions().contains(id))
                .toList();
    }

    private static void awaitFile(Path file, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            assertThat(System.nanoTime()).as("%s written within %s", file, timeout).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
