package dev.bantubox.engine.inspect;

import dev.bantubox.engine.container.ContainerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads a container's root filesystem layers and what its command wrote into the writable layer. */
public final class FilesystemSnapshot {
    /** A listing stops here, so a command that writes thousands of files cannot flood a diagram. */
    public static final int MAX_LISTED_FILES = 200;
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private FilesystemSnapshot() {
    }

    /**
     * Describes the root filesystem of a container from its record and folder; valid while the
     * folder exists, also after the command ended.
     */
    public static OverlayLayers of(ContainerRecord record, Path imageRootfs) {
        String kind = record.rootfsKind == null ? "host" : record.rootfsKind;
        Path folder = Path.of(record.directory);
        return switch (kind) {
            case "overlay" -> new OverlayLayers(kind, imageRootfs.toString(), folder.resolve("upper").toString(),
                    folder.resolve("work").toString(), folder.resolve("merged").toString(),
                    listWritten(folder.resolve("upper")));
            case "copy" -> new OverlayLayers(kind, imageRootfs.toString(), null, null,
                    folder.resolve("rootfs").toString(), List.of());
            default -> new OverlayLayers("host", "/", null, null, "/", List.of());
        };
    }

    /**
     * Lists the files below upper, relative to it, at most MAX_LISTED_FILES. overlayfs marks a file
     * deleted from the image with a whiteout, a character device 0:0 of the same name.
     */
    public static List<String> listWritten(Path upper) {
        if (!Files.isDirectory(upper)) {
            return List.of();
        }
        List<String> written = new ArrayList<>();
        try (Stream<Path> entries = Files.walk(upper)) {
            for (Path entry : entries.sorted().toList()) {
                if (entry.equals(upper) || Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (written.size() == MAX_LISTED_FILES) {
                    written.add("…");
                    break;
                }
                String relative = "/" + upper.relativize(entry);
                written.add(isWhiteout(entry) ? relative + " (deleted)" : relative);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the writable layer " + upper, e);
        }
        return written;
    }

    private static boolean isWhiteout(Path entry) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(entry, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attributes.get("mode");
        long device = (Long) attributes.get("rdev");
        return (mode & S_IFMT) == S_IFCHR && device == 0;
    }
}
