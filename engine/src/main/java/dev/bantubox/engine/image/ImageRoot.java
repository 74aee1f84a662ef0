package dev.bantubox.engine.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The folder an image is unpacked into. Paths inside it are resolved one component at a time, as the
 * kernel would resolve them inside the container once this folder is its root: a symlink met on the
 * way is read (never followed by the host), an absolute target starts again at this folder, and
 * {@code ..} stops at it. So a link such as {@code x -> /} sends {@code x/etc/passwd} to the image's
 * own {@code etc/passwd}, never to the host's.
 *
 * <p>Only the importing engine writes below a fresh import folder, so nothing swaps a checked
 * component for a symlink between the check and the write.
 */
final class ImageRoot {
    /** Linux gives up after 40 symlinks in one path (MAXSYMLINKS); so does this resolution. */
    private static final int MAX_SYMLINKS = 40;
    private static final int FOLDER_MODE = 0755;

    private final Path root;

    ImageRoot(Path folder) throws IOException {
        this.root = folder.toRealPath();
    }

    Path path() {
        return root;
    }

    /**
     * Resolves the host path of an entry. The folders above it are resolved inside the image, and
     * missing ones are made (mode 0755, owned by root) when createFolders is set. The entry's own last
     * component is not followed, because the entry replaces whatever is there. Returns empty when a
     * folder is missing and createFolders is not set.
     */
    Optional<Path> locate(ArchivePath entry, boolean createFolders) throws RejectedEntryException, IOException {
        if (entry.isRoot()) {
            return Optional.of(root);
        }
        return resolveFolder(entry, entry.parentComponents(), createFolders)
                .map(folder -> folder.resolve(entry.fileName()));
    }

    /** Resolves a folder inside the image, following every symlink in it the way the container would. */
    Optional<Path> resolveFolder(ArchivePath entry, List<String> components, boolean create)
            throws RejectedEntryException, IOException {
        Deque<String> pending = new ArrayDeque<>(components);
        Path current = root;
        int symlinks = 0;
        while (!pending.isEmpty()) {
            String component = pending.removeFirst();
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            if (component.equals("..")) {
                // Only symlink targets bring '..' here (entry names with '..' are rejected), and inside
                // the container '..' of the root is the root.
                if (!current.equals(root)) {
                    current = current.getParent();
                }
                continue;
            }
            Path candidate = current.resolve(component);
            BasicFileAttributes attributes = attributesOrNull(candidate);
            if (attributes == null) {
                if (!create) {
                    return Optional.empty();
                }
                makeFolder(candidate);
                current = candidate;
            } else if (attributes.isSymbolicLink()) {
                if (++symlinks > MAX_SYMLINKS) {
                    throw new RejectedEntryException(entry.name(), "more than " + MAX_SYMLINKS
                            + " symlinks on the way to it (a symlink loop?)");
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    current = root;
                }
                String[] targetComponents = target.split("/");
                for (int i = targetComponents.length - 1; i >= 0; i--) {
                    pending.addFirst(targetComponents[i]);
                }
            } else if (attributes.isDirectory()) {
                current = candidate;
            } else {
                throw new RejectedEntryException(entry.name(), "'" + root.relativize(candidate)
                        + "' is a file in the image, not a folder");
            }
        }
        return Optional.of(current);
    }

    /** Returns the attributes of path itself (a symlink is not followed), or null when nothing is there. */
    static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    private static void makeFolder(Path folder) throws IOException {
        Files.createDirectory(folder);
        // Set the mode outright: the engine's umask would otherwise decide it.
        Files.setAttribute(folder, "unix:mode", FOLDER_MODE, LinkOption.NOFOLLOW_LINKS);
    }
}
