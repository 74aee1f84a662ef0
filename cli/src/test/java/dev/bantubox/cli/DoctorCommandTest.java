package dev.bantubox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.host.HostCheck;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.kernel.Errno;
import dev.bantubox.engine.kernel.LibC;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.util.TreeRemover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bantubox doctor} and a failing {@code bantubox run}, each started as its own process with
 * BANTUBOX_HOME on a tmpfs or an overlay that the test mounts (as root) and unmounts again.
 */
class DoctorCommandTest {
    private static final long MNT_DETACH = 2;
    private static Path images;
    /** Containers these tests start are bridged inside this namespace, never on the host's network. */
    private static String network;

    private Path folder;
    private final Deque<Path> mounted = new ArrayDeque<>();

    @BeforeAll
    static void makeImage() throws IOException {
        images = Files.createTempDirectory("bantubox-cli-test-images-");
        new Engine(new EngineHome(images)).images().resolve(ImageStore.DEFAULT_IMAGE);
        try {
            network = CliProcess.createNetworkNamespace();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @AfterAll
    static void removeImage() throws Exception {
        try {
            CliProcess.deleteNetworkNamespace(network);
        } finally {
            TreeRemover.remove(images);
        }
    }

    @BeforeEach
    void createFolder() throws IOException {
        assertThat(libc().geteuid()).as("these tests mount file systems, which needs root: sudo ./run-tests").isZero();
        folder = Files.createTempDirectory("bantubox-cli-test-");
    }

    @AfterEach
    void unmountAndRemove() {
        while (!mounted.isEmpty()) {
            String target = mounted.pop().toString();
            if (libc().umount2(target, 0) != 0) {
                libc().umount2(target, (int) MNT_DETACH);
            }
        }
        TreeRemover.remove(folder);
    }

    @Test
    void jsonListsEveryCheck() throws Exception {
        Path home = mountTmpfs("home");

        Finished doctor = bantubox(home, "doctor", "--json");

        JsonObject report = JsonParser.parseString(doctor.output).getAsJsonObject();
        assertThat(report.get("home").getAsString()).isEqualTo(home.toString());
        JsonArray checks = report.getAsJsonArray("checks");
        List<String> ids = new ArrayList<>();
        boolean anyFailed = false;
        for (JsonElement element : checks) {
            JsonObject check = element.getAsJsonObject();
            ids.add(check.get("id").getAsString());
            assertThat(check.get("title").getAsString()).isNotBlank();
            assertThat(check.get("status").getAsString()).isIn("ok", "warning", "fail");
            assertThat(check.get("sentence").getAsString()).isNotBlank();
            assertThat(check.has("fix")).isTrue();
            anyFailed |= check.get("status").getAsString().equals("fail");
        }
        assertThat(ids).containsExactlyElementsOf(Arrays.stream(HostCheck.values()).map(HostCheck::id).toList());
        assertThat(doctor.exitCode).as(doctor.output).isEqualTo(anyFailed ? DoctorCommand.SOME_CHECK_FAILED : 0);
    }

    @Test
    void homeOnOverlayFailsWithExitStatusOne() throws Exception {
        Path home = mountOverlay("overlay").resolve("home");

        Finished doctor = bantubox(home, "doctor", "--json");

        assertThat(doctor.exitCode).as(doctor.output).isEqualTo(DoctorCommand.SOME_CHECK_FAILED);
        JsonObject homeCheck = checkWithId(doctor.output, HostCheck.HOME_FILESYSTEM.id());
        assertThat(homeCheck.get("status").getAsString()).isEqualTo("fail");
        assertThat(homeCheck.get("sentence").getAsString()).contains("is on overlayfs");
        assertThat(homeCheck.get("fix").getAsString()).isEqualTo("set BANTUBOX_HOME to a folder on ext4, xfs or tmpfs");
    }

    @Test
    void tableShowsEachCheckAndTheFix() throws Exception {
        Path home = mountOverlay("overlay").resolve("home");

        Finished doctor = bantubox(home, "doctor");

        for (HostCheck check : HostCheck.values()) {
            assertThat(doctor.output).contains(" " + check.id() + " ");
        }
        assertThat(doctor.output).containsPattern("\nfail +home-filesystem +BANTUBOX_HOME");
        assertThat(doctor.output).contains("fix: set BANTUBOX_HOME to a folder on ext4, xfs or tmpfs");
        assertThat(doctor.output).containsPattern("12 checks: \\d+ ok, \\d+ warning, [1-9]\\d* fail");
    }

    @Test
    void runWithHomeOnOverlayPrintsTheFix() throws Exception {
        Path home = mountOverlay("overlay").resolve("home");
        copyImages(home);

        Finished run = bantubox(home, "run", "--rm", "/bin/true");

        assertThat(run.exitCode).as(run.output).isEqualTo(EngineException.ENGINE_ERROR);
        assertThat(run.output).contains("bantubox: overlay mount failed: BANTUBOX_HOME (" + home + ") is on overlayfs,"
                + " which cannot be the upper layer of another overlay; set BANTUBOX_HOME to a folder on ext4, xfs or tmpfs");
    }

    private static JsonObject checkWithId(String json, String id) {
        for (JsonElement element : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("checks")) {
            if (element.getAsJsonObject().get("id").getAsString().equals(id)) {
                return element.getAsJsonObject();
            }
        }
        throw new AssertionError("no check '" + id + "' in " + json);
    }

    private record Finished(int exitCode, String output) {
    }

    /** Runs the bantubox command in a new JVM with BANTUBOX_HOME set, and returns its exit code and output. */
    private Finished bantubox(Path home, String... arguments) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, Main.class.getName()));
        command.addAll(List.of(arguments));
        Path output = folder.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("BANTUBOX_HOME", home.toString());
        builder.environment().put("BANTUBOX_NETNS", network);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bantubox " + String.join(" ", arguments) + " did not end in 2 minutes");
        }
        return new Finished(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private Path mountTmpfs(String name) throws IOException {
        Path target = Files.createDirectories(folder.resolve(name));
        mount("tmpfs", target, "tmpfs", "size=64m");
        return target;
    }

    private Path mountOverlay(String name) throws IOException {
        Path base = folder.resolve(name);
        Path lower = Files.createDirectories(base.resolve("lower"));
        Path upper = Files.createDirectories(base.resolve("upper"));
        Path work = Files.createDirectories(base.resolve("work"));
        Path merged = Files.createDirectories(base.resolve("merged"));
        mount("overlay", merged, "overlay", "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work);
        return merged;
    }

    private void mount(String source, Path target, String type, String data) {
        if (libc().mount(source, target.toString(), type, 0, data) != 0) {
            throw new IllegalStateException("mount " + type + " on " + target + " failed: "
                    + Errno.name(NativeLibraries.get().lastErrno()));
        }
        mounted.push(target);
    }

    private static void copyImages(Path home) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Process copy = new ProcessBuilder("cp", "-a", images.resolve("images").toString(), home.toString())
                .inheritIO().start();
        assertThat(copy.waitFor(2, TimeUnit.MINUTES) && copy.exitValue() == 0).as("cp -a of the busybox image").isTrue();
    }

    private static LibC libc() {
        return NativeLibraries.get().libc();
    }
}
