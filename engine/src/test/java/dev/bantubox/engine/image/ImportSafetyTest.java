package dev.bantubox.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.testing.TestHome;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile archives: each is rejected, or its entries land inside the image. Either way nothing outside
 * the image changes, and the store lists no half image. "Outside" is the test home, whose folder
 * {@code outside/} an import folder reaches as {@code ../../../outside}. Every hostile entry aims at
 * that folder, so even a broken import cannot touch anything else on this machine.
 */
class ImportSafetyTest {
    private static final String NAME = "hostile";
    /** From images/.import-NAME-RANDOM/rootfs, three '..' lead to the test home. */
    private static final String UP_TO_HOME = "../../../";

    private TestHome home;
    private ImageStore store;
    private Path outside;
    private Path secret;

    @BeforeEach
    void createHome() throws IOException {
        home = TestHome.createEmpty();
        store = home.engine().images();
        Files.createDirectories(home.root().resolve("images"));
        outside = Files.createDirectory(home.root().resolve("outside"));
        secret = Files.writeString(outside.resolve("secret"), "host secret\n");
    }

    @AfterEach
    void removeHome() {
        home.close();
    }

    @Test
    void dotDotEntryIsRejected() {
        assertRejected(new TarBuilder().folder("etc").file("../evil", "planted\n"), "'..'");
    }

    @Test
    void dotDotEntryReachingOutsideIsRejected() {
        assertRejected(new TarBuilder().file(UP_TO_HOME + "outside/evil", "planted\n"), "'..'");
    }

    @Test
    void absoluteEntryIsRejected() {
        boolean existedBefore = Files.exists(Path.of("/abs"), LinkOption.NOFOLLOW_LINKS);

        assertRejected(new TarBuilder().file("/abs", "planted\n"), "absolute");

        assertThat(Files.exists(Path.of("/abs"), LinkOption.NOFOLLOW_LINKS)).as("/abs on the host").isEqualTo(existedBefore);
    }

    @Test
    void absoluteEntryIntoOutsideIsRejected() {
        assertRejected(new TarBuilder().file(outside.resolve("evil").toString(), "planted\n"), "absolute");
    }

    /**
     * The classic attack is {@code x -> /} then {@code x/etc/passwd}. The entry here names the sentinel's
     * absolute path below x instead, so that a regression damages the test's folder, not this machine.
     */
    @Test
    void symlinkToRootStaysInImage() {
        String throughLink = "x" + secret;

        Path rootfs = assertImported(new TarBuilder().symlink("x", "/").file(throughLink, "intruder\n"));

        assertThat(secret).hasContent("host secret");
        assertThat(rootfs.resolve(secret.toString().substring(1))).hasContent("intruder");
    }

    @Test
    void symlinkToOutsideFolderStaysInImage() {
        Path rootfs = assertImported(new TarBuilder().symlink("x", outside.toString()).file("x/planted", "planted\n"));

        assertThat(outside.resolve("planted")).doesNotExist();
        assertThat(rootfs.resolve(outside.toString().substring(1)).resolve("planted")).hasContent("planted");
    }

    @Test
    void relativeSymlinkUpwardsStopsAtImageRoot() {
        Path rootfs = assertImported(new TarBuilder().symlink("up", UP_TO_HOME).folder("up/outside")
                .file("up/outside/planted", "planted\n"));

        assertThat(outside.resolve("planted")).doesNotExist();
        assertThat(rootfs.resolve("outside/planted")).hasContent("planted");
    }

    @Test
    void fileOverSymlinkReplacesSymlink() {
        Path rootfs = assertImported(new TarBuilder().symlink("link", secret.toString()).file("link", "replaced\n"));

        assertThat(secret).hasContent("host secret");
        assertThat(rootfs.resolve("link")).isRegularFile().hasContent("replaced");
    }

    @Test
    void symlinkLoopIsRejected() {
        assertRejected(new TarBuilder().symlink("a", "b").symlink("b", "a").file("a/file", "x\n"), "symlink loop");
    }

    @Test
    void hardlinkToAbsoluteHostFileIsRejected() {
        assertRejected(new TarBuilder().hardlink("stolen", secret.toString()), "absolute");
    }

    @Test
    void hardlinkWithDotDotIsRejected() {
        assertRejected(new TarBuilder().hardlink("stolen", UP_TO_HOME + "outside/secret"), "'..'");
    }

    @Test
    void hardlinkThroughSymlinkToHostFileIsRejected() {
        assertRejected(new TarBuilder().symlink("x", outside.toString()).hardlink("stolen", "x/secret"),
                "is not in the image");
    }

    @Test
    void hardlinkInsideImageSharesTheFile() throws IOException {
        Path rootfs = assertImported(new TarBuilder().file("bin/tool", "#!/bin/sh\n", 0755, 0, 0)
                .hardlink("bin/tool2", "bin/tool"));

        Object inode = Files.getAttribute(rootfs.resolve("bin/tool"), "unix:ino");
        assertThat(Files.getAttribute(rootfs.resolve("bin/tool2"), "unix:ino")).isEqualTo(inode);
        assertThat(Files.getAttribute(rootfs.resolve("bin/tool"), "unix:nlink")).isEqualTo(2);
    }

    @Test
    void deviceNodesAreSkippedAndCounted() {
        Path archive = write(new TarBuilder().folder("dev").charDevice("dev/null", 1, 3).charDevice("dev/sda", 8, 0)
                .file("etc/hostname", "box\n"));

        ImportResult result = store.importImage(NAME, archive, null);

        assertThat(result.report().skippedDevices()).isEqualTo(2);
        assertThat(result.report().summary()).contains("skipped 2 device nodes");
        assertThat(result.image().rootfs().resolve("dev")).isEmptyDirectory();
        assertThat(result.image().rootfs().resolve("etc/hostname")).hasContent("box");
    }

    @Test
    void modesOwnersAndTimesAreKept() throws IOException {
        Path rootfs = assertImported(new TarBuilder().folder("secret-folder", 0700)
                .file("usr/bin/passwd", "binary", 04755, 0, 0)
                .file("home/learner/notes", "notes", 0640, 1234, 5678)
                .symlink("home/learner/link", "notes")
                .fifo("run/queue"));

        assertThat(mode(rootfs.resolve("secret-folder"))).isEqualTo(040700);
        assertThat(mode(rootfs.resolve("usr/bin/passwd"))).as("set-user-ID survives chown").isEqualTo(0104755);
        Path notes = rootfs.resolve("home/learner/notes");
        assertThat(mode(notes)).isEqualTo(0100640);
        assertThat(Files.getAttribute(notes, "unix:uid")).isEqualTo(1234);
        assertThat(Files.getAttribute(notes, "unix:gid")).isEqualTo(5678);
        assertThat(Files.getLastModifiedTime(notes)).isEqualTo(FileTime.fromMillis(1_700_000_000_000L));
        assertThat(Files.getLastModifiedTime(rootfs.resolve("secret-folder")))
                .isEqualTo(FileTime.fromMillis(1_700_000_000_000L));
        assertThat(Files.isSymbolicLink(rootfs.resolve("home/learner/link"))).isTrue();
        assertThat(mode(rootfs.resolve("run/queue"))).as("FIFO type and mode").isEqualTo(010620);
        assertThat(mode(rootfs.resolve("home"))).as("folder made for a file's path").isEqualTo(040755);
    }

    @Test
    void truncatedArchiveLeavesNothing() throws IOException {
        byte[] whole = new TarBuilder().file("etc/hostname", "box\n").file("big", "x".repeat(100_000)).bytes();
        Path archive = Files.write(home.root().resolve("truncated.tar"), Arrays.copyOf(whole, 20_000));
        Map<String, String> before = snapshot();

        assertThatThrownBy(() -> store.importImage(NAME, archive, null)).isInstanceOf(EngineException.class)
                .hasMessageContaining("truncated.tar");

        assertNothingChanged(before);
    }

    @Test
    void fileThatIsNoArchiveIsRejected() throws IOException {
        Path notTar = Files.writeString(home.root().resolve("notes.txt"), "just text\n".repeat(100));
        Map<String, String> before = snapshot();

        assertThatThrownBy(() -> store.importImage(NAME, notTar, null)).isInstanceOf(EngineException.class)
                .hasMessageContaining("is not a tar archive");

        assertNothingChanged(before);
    }

    @Test
    void killedImportLeftoverIsRemoved() throws IOException {
        Path leftover = Files.createDirectories(home.root().resolve("images/.import-" + NAME + "-123/rootfs/etc"));
        Files.writeString(leftover.resolve("half"), "half\n");
        assertThat(store.list()).isEmpty();

        store.importImage(NAME, write(new TarBuilder().file("etc/hostname", "box\n")), null);

        assertThat(home.root().resolve("images/.import-" + NAME + "-123")).doesNotExist();
        assertThat(store.list()).extracting(Image::name).containsExactly(NAME);
    }

    private void assertRejected(TarBuilder tar, String reason) {
        Path archive = write(tar);
        Map<String, String> before = snapshot();

        assertThatThrownBy(() -> store.importImage(NAME, archive, null)).isInstanceOf(EngineException.class)
                .hasMessageContaining("rejected").hasMessageContaining(reason);

        assertNothingChanged(before);
    }

    private void assertNothingChanged(Map<String, String> before) {
        assertThat(snapshot()).as("files outside the image").isEqualTo(before);
        assertThat(store.list()).as("images in the store").isEmpty();
        assertThat(store.find(NAME)).isEmpty();
    }

    /** Imports tar, checks that nothing but the new image appeared, and returns its rootfs. */
    private Path assertImported(TarBuilder tar) {
        Path archive = write(tar);
        Map<String, String> before = snapshot();

        ImportResult result = store.importImage(NAME, archive, null);

        Map<String, String> after = snapshot();
        after.keySet().removeIf(path -> path.equals("images/" + NAME) || path.startsWith("images/" + NAME + "/"));
        assertThat(after).as("files outside the image").isEqualTo(before);
        assertThat(store.list()).extracting(Image::name).containsExactly(NAME);
        return result.image().rootfs();
    }

    private Path write(TarBuilder tar) {
        return tar.writeTo(home.root().resolve("archive-" + System.nanoTime() + ".tar"));
    }

    /**
     * Describes every path under the test home (the host side of every escape these archives try) by
     * type, size, mode, owner, time and content, leaving out the store's lock file.
     */
    private Map<String, String> snapshot() {
        Map<String, String> paths = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(home.root())) {
            for (Path path : walk.toList()) {
                String relative = home.root().relativize(path).toString();
                if (relative.equals("images/.lock")) {
                    continue;
                }
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                String content = attributes.isRegularFile() ? sha256(path)
                        : attributes.isSymbolicLink() ? "-> " + Files.readSymbolicLink(path) : "";
                // The store folder's time changes with every temporary folder made and removed in it.
                Object time = relative.equals("images") ? "" : attributes.lastModifiedTime();
                paths.put(relative, List.of(mode(path), attributes.size(), time,
                        Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS), content).toString());
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list " + home.root(), e);
        }
        return paths;
    }

    private static int mode(Path path) throws IOException {
        return (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
