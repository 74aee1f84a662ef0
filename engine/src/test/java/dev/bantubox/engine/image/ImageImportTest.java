package dev.bantubox.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.testing.TestHome;
import dev.bantubox.engine.util.TreeRemover;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Imports of real images: the busybox root filesystem as tar archives and as OCI layouts, then run. */
class ImageImportTest {
    private static TestHome home;
    private static Path busyboxRootfs;

    private Path work;

    @BeforeAll
    static void createHome() {
        home = TestHome.create();
        busyboxRootfs = store().find(ImageStore.DEFAULT_IMAGE).orElseThrow().rootfs();
    }

    @AfterAll
    static void removeHome() {
        home.close();
    }

    @BeforeEach
    void createWorkFolder() throws IOException {
        work = Files.createTempDirectory(home.root(), "work-");
    }

    @AfterEach
    void removeWorkFolder() {
        TreeRemover.remove(work);
    }

    @Test
    void busyboxTarImportsAndRuns() throws IOException {
        Path archive = packBusybox();

        ImportResult result = store().importImage("bb-tar", archive, null);

        RunOutcome outcome = run("bb-tar", "cat /etc/bantubox-image; stat -c '%a %n' /tmp /root");
        assertThat(outcome.exitCode()).as("output: %s", outcome.output()).isZero();
        assertThat(outcome.output()).contains(Files.readString(busyboxRootfs.resolve("etc/bantubox-image")).trim());
        assertThat(outcome.output()).contains("1777 /tmp");
        assertThat(outcome.output()).contains("700 /root");
        assertThat(listing(result.image().rootfs())).isEqualTo(listing(busyboxRootfs));
        assertThat(result.image().source()).isEqualTo("archive " + archive);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gz", "xz", "bz2"})
    void compressedTarImports(String compression) throws IOException {
        Path plain = packBusybox();
        Path compressed = work.resolve("busybox.tar." + compression);
        try (OutputStream out = compressor(compression, Files.newOutputStream(compressed))) {
            Files.copy(plain, out);
        }

        ImportResult result = store().importImage("bb-" + compression, compressed, null);

        assertThat(listing(result.image().rootfs())).isEqualTo(listing(busyboxRootfs));
    }

    @Test
    void umociLayoutWithDeletionImportsAndRuns() throws IOException {
        Path layout = umociLayoutWithDeletions();

        ImportResult result = store().importImage("bb-oci", layout, null);

        assertDeletionsApplied(result);
        assertThat(result.image().source()).contains("tag busybox").contains("2 layers");
    }

    @Test
    void umociLayoutTarImportsAndRuns() throws IOException {
        Path layout = umociLayoutWithDeletions();
        Path archive = work.resolve("layout.tar");
        exec("tar", "-C", layout.toString(), "-cf", archive.toString(), ".");

        ImportResult result = store().importImage("bb-oci-tar", archive, null);

        assertDeletionsApplied(result);
        assertThat(result.image().source()).contains("an OCI image layout").contains("2 layers");
    }

    @Test
    void opaqueWhiteoutHidesLowerFolder() {
        Path layout = work.resolve("layout");
        new OciLayoutWriter().layer(lowerLayer())
                .layer(new TarBuilder().folder("data").file("data/.wh..wh..opq", "").file("data/new", "new\n"))
                .writeTo(layout, "v1");

        Path rootfs = store().importImage("opaque", layout, null).image().rootfs();

        assertThat(children(rootfs.resolve("data"))).containsExactly("new");
        assertThat(rootfs.resolve("keep/me")).hasContent("kept");
    }

    @Test
    void opaqueWhiteoutKeepsSameLayerEntries() {
        Path layout = work.resolve("layout");
        new OciLayoutWriter().layer(lowerLayer())
                .layer(new TarBuilder().folder("data").file("data/new", "new\n").folder("data/sub")
                        .file("data/sub/fresh", "fresh\n").file("data/.wh..wh..opq", ""))
                .writeTo(layout, "v1");

        Path rootfs = store().importImage("opaque-late", layout, null).image().rootfs();

        assertThat(children(rootfs.resolve("data"))).containsExactly("new", "sub");
        assertThat(children(rootfs.resolve("data/sub"))).as("the lower layer's data/sub/deep").containsExactly("fresh");
        assertThat(rootfs.resolve("keep/me")).hasContent("kept");
    }

    @Test
    void whiteoutSparesSameLayerFile() {
        Path layout = work.resolve("layout");
        new OciLayoutWriter().layer(lowerLayer())
                .layer(new TarBuilder().file("keep/me", "rewritten\n").file("keep/.wh.me", "")
                        .file("data/.wh.old", ""))
                .writeTo(layout, "v1");

        Path rootfs = store().importImage("whiteout", layout, null).image().rootfs();

        assertThat(rootfs.resolve("keep/me")).hasContent("rewritten");
        assertThat(rootfs.resolve("data/old")).doesNotExist();
        assertThat(rootfs.resolve("data/sub/deep")).hasContent("deep");
    }

    @Test
    void damagedLayerIsRejected() throws IOException {
        Path layout = work.resolve("layout");
        new OciLayoutWriter().layer(lowerLayer()).writeTo(layout, "v1");
        Path layer = largestBlob(layout);
        byte[] bytes = Files.readAllBytes(layer);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(layer, bytes);

        assertThatThrownBy(() -> store().importImage("damaged", layout, null)).isInstanceOf(EngineException.class)
                .hasMessageContaining("is damaged");

        assertNoTrace("damaged");
    }

    @Test
    void unknownTagIsRejected() {
        Path layout = work.resolve("layout");
        new OciLayoutWriter().layer(lowerLayer()).writeTo(layout, "v1");

        assertThatThrownBy(() -> store().importImage("untagged", layout, "v2")).isInstanceOf(EngineException.class)
                .hasMessageContaining("no image tagged 'v2'").hasMessageContaining("its tags: v1");

        assertNoTrace("untagged");
    }

    @Test
    void folderWithoutLayoutIsRejected() {
        assertThatThrownBy(() -> store().importImage("plain-folder", busyboxRootfs, null))
                .isInstanceOf(EngineException.class).hasMessageContaining("no OCI image layout")
                .hasMessageContaining("tar -C " + busyboxRootfs + " -cf FILE .");

        assertNoTrace("plain-folder");
    }

    @Test
    void existingNameIsRejected() throws IOException {
        Path first = new TarBuilder().file("etc/version", "first\n").writeTo(work.resolve("first.tar"));
        Path second = new TarBuilder().file("etc/version", "second\n").writeTo(work.resolve("second.tar"));
        store().importImage("twice", first, null);

        assertThatThrownBy(() -> store().importImage("twice", second, null)).isInstanceOf(EngineException.class)
                .hasMessageContaining("exists already");

        Path rootfs = store().find("twice").orElseThrow().rootfs();
        assertThat(rootfs.resolve("etc/version")).hasContent("first");
    }

    @Test
    void removeDeletesImageFolder() throws IOException {
        Path archive = new TarBuilder().file("etc/version", "1\n").writeTo(work.resolve("small.tar"));
        store().importImage("short-lived", archive, null);

        home.engine().removeImage("short-lived");

        assertNoTrace("short-lived");
        assertThatThrownBy(() -> home.engine().removeImage("short-lived")).isInstanceOf(EngineException.class)
                .hasMessageContaining("not found");
    }

    private static ImageStore store() {
        return home.engine().images();
    }

    private static RunOutcome run(String image, String script) {
        return home.engine().runAndCapture(RunSpec.builder().image(image).command("/bin/sh", "-c", script)
                .removeOnExit(true).build());
    }

    /** Packs the busybox image the reference way: {@code tar -C DIR -cf FILE .}. */
    private Path packBusybox() throws IOException {
        Path archive = work.resolve("busybox.tar");
        exec("tar", "-C", busyboxRootfs.toString(), "-cf", archive.toString(), ".");
        return archive;
    }

    /**
     * Builds an OCI layout with umoci: a first layer with the busybox root filesystem, and a second that
     * deletes /etc/bantubox-image and the folder /home, which umoci writes as whiteouts.
     */
    private Path umociLayoutWithDeletions() throws IOException {
        Path layout = work.resolve("layout");
        String image = layout + ":busybox";
        exec("umoci", "init", "--layout", layout.toString());
        exec("umoci", "new", "--image", image);
        Path first = work.resolve("bundle-1");
        exec("umoci", "unpack", "--image", image, first.toString());
        exec("cp", "-a", busyboxRootfs + "/.", first.resolve("rootfs").toString());
        exec("umoci", "repack", "--image", image, first.toString());

        Path second = work.resolve("bundle-2");
        exec("umoci", "unpack", "--image", image, second.toString());
        Files.delete(second.resolve("rootfs/etc/bantubox-image"));
        TreeRemover.remove(second.resolve("rootfs/home"));
        exec("umoci", "repack", "--image", image, second.toString());
        return layout;
    }

    private void assertDeletionsApplied(ImportResult result) throws IOException {
        Path rootfs = result.image().rootfs();
        assertThat(rootfs.resolve("etc/bantubox-image")).doesNotExist();
        assertThat(rootfs.resolve("home")).doesNotExist();
        assertThat(result.report().whiteouts()).isEqualTo(2);
        try (Stream<Path> walk = Files.walk(rootfs)) {
            assertThat(walk.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(".wh."));
        }

        RunOutcome outcome = run(result.image().name(),
                "test -e /etc/bantubox-image && echo file-present || echo file-absent; test -e /home || echo home-absent;"
                        + " cat /etc/passwd");
        assertThat(outcome.exitCode()).as("output: %s", outcome.output()).isZero();
        assertThat(outcome.output()).contains("file-absent");
        assertThat(outcome.output()).contains("home-absent");
        assertThat(outcome.output()).contains("root:x:0:0:root:/root:/bin/sh");
    }

    /** Returns a lower layer with a folder data/ (old, sub/deep) and keep/me. */
    private static TarBuilder lowerLayer() {
        return new TarBuilder().folder("data").file("data/old", "old\n").folder("data/sub").file("data/sub/deep", "deep\n")
                .folder("keep").file("keep/me", "kept\n");
    }

    private void assertNoTrace(String name) {
        assertThat(store().find(name)).isEmpty();
        assertThat(home.root().resolve("images").resolve(name)).doesNotExist();
        try (Stream<Path> entries = Files.list(home.root().resolve("images"))) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .as("temporary folders in the store").noneMatch(entry -> entry.startsWith(".") && !entry.equals(".lock"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Describes every path below root by type, mode, owner, size and link target. */
    private static Map<String, String> listing(Path root) throws IOException {
        Map<String, String> paths = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                boolean isFolder = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
                String target = Files.isSymbolicLink(path) ? Files.readSymbolicLink(path).toString() : "";
                paths.put(root.relativize(path).toString(), List.of(
                        Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS),
                        Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                        Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS),
                        isFolder ? "" : Files.size(path), target).toString());
            }
        }
        return paths;
    }

    private static List<String> children(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path largestBlob(Path layout) throws IOException {
        try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
            List<Path> all = new ArrayList<>(blobs.toList());
            all.sort((a, b) -> Long.compare(b.toFile().length(), a.toFile().length()));
            return all.get(0);
        }
    }

    private static OutputStream compressor(String compression, OutputStream out) throws IOException {
        return switch (compression) {
            case "gz" -> new GzipCompressorOutputStream(out);
            case "xz" -> new XZCompressorOutputStream(out);
            case "bz2" -> new BZip2CompressorOutputStream(out);
            default -> throw new IllegalArgumentException(compression);
        };
    }

    private static void exec(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", command), e);
        }
    }
}
