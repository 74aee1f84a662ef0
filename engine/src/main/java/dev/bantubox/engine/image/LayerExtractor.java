package dev.bantubox.engine.image;

import dev.bantubox.engine.kernel.Errno;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.util.TreeRemover;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks one tar stream (a whole root filesystem, or one OCI layer on top of the layers before it)
 * into an image root. Every entry is placed through {@link ImageRoot}, so nothing is written outside
 * the image; device nodes are counted and left out; owners, modes (set-user-ID included) and
 * modification times (FIFOs excepted) are kept. With whiteouts on, OCI {@code .wh.NAME} entries delete NAME from the
 * lower layers and {@code .wh..wh..opq} hides everything the lower layers put in its folder.
 *
 * <p>NOTE: extended attributes (file capabilities, SELinux labels) in PAX headers are not restored.
 */
final class LayerExtractor {
    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_WHITEOUT = ".wh..wh..opq";
    private static final int MODE_BITS = 07777;

    private final ImageRoot root;
    private final boolean applyWhiteouts;
    private final ExtractionReport report;
    /** Paths this layer wrote, and the folders above them: a whiteout only hides what lower layers wrote. */
    private final Set<Path> writtenByLayer = new HashSet<>();
    private final Set<Path> aboveWritten = new HashSet<>();
    private final List<FolderTime> folderTimes = new ArrayList<>();

    private record FolderTime(ArchivePath path, FileTime modified) {
    }

    LayerExtractor(ImageRoot root, boolean applyWhiteouts, ExtractionReport report) {
        this.root = root;
        this.applyWhiteouts = applyWhiteouts;
        this.report = report;
    }

    /** Unpacks every entry of tar, an uncompressed tar stream, and returns how many entries it had. */
    int extract(InputStream tar) throws IOException, RejectedEntryException {
        int entries = 0;
        TarArchiveInputStream archive = new TarArchiveInputStream(tar, "UTF-8");
        TarArchiveEntry entry;
        while ((entry = archive.getNextEntry()) != null) {
            entries++;
            try {
                extractEntry(archive, entry);
            } catch (InvalidPathException | UnsupportedOperationException unusable) {
                throw new RejectedEntryException(entry.getName(), "the name or link target cannot be used as a"
                        + " path on this machine (" + unusable.getMessage() + ")");
            } catch (UncheckedIOException removalFailed) {
                throw removalFailed.getCause();
            }
        }
        restoreFolderTimes();
        return entries;
    }

    private void extractEntry(InputStream data, TarArchiveEntry entry) throws IOException, RejectedEntryException {
        ArchivePath path = ArchivePath.parse(entry.getName());
        if (applyWhiteouts && path.fileName().startsWith(WHITEOUT_PREFIX)) {
            applyWhiteout(path);
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            report.skippedDevices++;
        } else if (entry.isSymbolicLink()) {
            writeSymlink(path, entry);
        } else if (entry.isLink()) {
            writeHardlink(path, entry);
        } else if (entry.isDirectory()) {
            writeFolder(path, entry);
        } else if (entry.isFIFO()) {
            writeFifo(path, entry);
        } else if (entry.isFile() || entry.isSparse()) {
            writeFile(path, entry, data);
        } else {
            report.skippedOther++;
        }
    }

    private void writeFile(ArchivePath path, TarArchiveEntry entry, InputStream data)
            throws IOException, RejectedEntryException {
        Path target = prepare(path, false);
        // CREATE_NEW fails on anything already there, a symlink included, so the write lands in a new file.
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            data.transferTo(out);
        }
        applyOwner(target, entry);
        Files.setAttribute(target, "unix:mode", entry.getMode() & MODE_BITS, LinkOption.NOFOLLOW_LINKS);
        setModified(target, entry.getLastModifiedTime(), LinkOption.NOFOLLOW_LINKS);
        report.files++;
    }

    private void writeFolder(ArchivePath path, TarArchiveEntry entry) throws IOException, RejectedEntryException {
        Path target = prepare(path, true);
        if (ImageRoot.attributesOrNull(target) == null) {
            Files.createDirectory(target);
        }
        applyOwner(target, entry);
        Files.setAttribute(target, "unix:mode", entry.getMode() & MODE_BITS, LinkOption.NOFOLLOW_LINKS);
        // Entries written into the folder later change its time again, so times are set at the end.
        folderTimes.add(new FolderTime(path, entry.getLastModifiedTime()));
        report.folders++;
    }

    /** Writes a symlink as it is: its target is read inside the container, where '/' is the image root. */
    private void writeSymlink(ArchivePath path, TarArchiveEntry entry) throws IOException, RejectedEntryException {
        String linkTarget = entry.getLinkName();
        if (linkTarget == null || linkTarget.isEmpty()) {
            throw new RejectedEntryException(path.name(), "the symlink has no target");
        }
        Path target = prepare(path, false);
        Files.createSymbolicLink(target, Path.of(linkTarget));
        applyOwner(target, entry);
        setModified(target, entry.getLastModifiedTime(), LinkOption.NOFOLLOW_LINKS);
        report.symlinks++;
    }

    /**
     * Links to a file unpacked before. The link target is an archive name like any entry's, so an
     * absolute or '..' target is rejected, and it is found inside the image, never on the host.
     */
    private void writeHardlink(ArchivePath path, TarArchiveEntry entry) throws IOException, RejectedEntryException {
        ArchivePath linkPath;
        try {
            linkPath = ArchivePath.parse(entry.getLinkName());
        } catch (RejectedEntryException invalidTarget) {
            throw new RejectedEntryException(path.name(), "its hardlink target '" + entry.getLinkName() + "' is invalid: "
                    + invalidTarget.reason());
        }
        Optional<Path> existing = root.locate(linkPath, false);
        BasicFileAttributes existingAttributes = existing.isPresent() ? ImageRoot.attributesOrNull(existing.get()) : null;
        if (existingAttributes == null) {
            throw new RejectedEntryException(path.name(), "its hardlink target '" + entry.getLinkName()
                    + "' is not in the image; a hardlink may only name a file that an earlier entry unpacked");
        }
        if (existingAttributes.isDirectory()) {
            throw new RejectedEntryException(path.name(), "its hardlink target '" + entry.getLinkName() + "' is a folder");
        }
        Path target = root.locate(path, true).orElseThrow();
        if (target.equals(existing.get())) {
            return;
        }
        target = prepare(path, false);
        // link() does not follow a symlink given as the existing file: the new name gets the symlink itself.
        Files.createLink(target, existing.get());
        markWritten(target);
        report.hardlinks++;
    }

    private void writeFifo(ArchivePath path, TarArchiveEntry entry) throws IOException, RejectedEntryException {
        Path target = prepare(path, false);
        if (NativeLibraries.get().libc().mkfifo(target.toString(), 0600) != 0) {
            throw new IOException("mkfifo " + target + ": " + Errno.name(NativeLibraries.get().lastErrno()));
        }
        applyOwner(target, entry);
        // Opening a FIFO blocks until a writer comes, and the JDK opens the file for a chmod with NOFOLLOW_LINKS
        // and for every setTimes. So the FIFO gets a plain chmod and keeps the time of its creation. It was
        // made a moment ago below resolved folders, so the plain chmod cannot follow a symlink.
        Files.setAttribute(target, "unix:mode", entry.getMode() & MODE_BITS);
        report.fifos++;
    }

    /**
     * Returns where the entry goes, with its folders made, after removing what a lower layer or an
     * earlier entry left there. A folder stays when the entry is a folder too, as in overlayfs.
     */
    private Path prepare(ArchivePath path, boolean isFolder) throws IOException, RejectedEntryException {
        Path target = root.locate(path, true).orElseThrow();
        if (path.isRoot() && !isFolder) {
            throw new RejectedEntryException(path.name(), "it names the image root itself, which must be a folder");
        }
        BasicFileAttributes existing = ImageRoot.attributesOrNull(target);
        if (existing != null && !(isFolder && existing.isDirectory())) {
            TreeRemover.remove(target);
        }
        markWritten(target);
        return target;
    }

    private void applyOwner(Path target, TarArchiveEntry entry) throws IOException {
        // NOFOLLOW makes these lchown(); chown() clears set-user-ID bits, so the mode is set afterwards.
        Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
    }

    private static void setModified(Path target, FileTime modified, LinkOption... options) throws IOException {
        if (modified != null) {
            Files.getFileAttributeView(target, BasicFileAttributeView.class, options).setTimes(modified, null, null);
        }
    }

    private void restoreFolderTimes() throws IOException, RejectedEntryException {
        // Resolved again: a later entry may have replaced a folder on the way with a symlink.
        for (int i = folderTimes.size() - 1; i >= 0; i--) {
            FolderTime folder = folderTimes.get(i);
            Optional<Path> target = root.locate(folder.path(), false);
            if (target.isPresent()) {
                BasicFileAttributes attributes = ImageRoot.attributesOrNull(target.get());
                if (attributes != null && attributes.isDirectory()) {
                    setModified(target.get(), folder.modified(), LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    private void markWritten(Path target) {
        if (!applyWhiteouts) {
            return;
        }
        writtenByLayer.add(target);
        for (Path folder = target.getParent(); folder != null && folder.startsWith(root.path()); folder = folder.getParent()) {
            if (!aboveWritten.add(folder)) {
                break;
            }
        }
    }

    private void applyWhiteout(ArchivePath path) throws IOException, RejectedEntryException {
        report.whiteouts++;
        Optional<Path> folder = root.resolveFolder(path, path.parentComponents(), false);
        if (folder.isEmpty()) {
            return;
        }
        String name = path.fileName();
        if (name.equals(OPAQUE_WHITEOUT)) {
            hideLowerChildren(folder.get());
            return;
        }
        if (name.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
            // Other ".wh..wh." names are aufs bookkeeping, which the OCI format gives no meaning.
            report.whiteouts--;
            return;
        }
        String hidden = name.substring(WHITEOUT_PREFIX.length());
        if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
            throw new RejectedEntryException(path.name(), "the whiteout names no file");
        }
        hideLowerEntry(folder.get().resolve(hidden));
    }

    /** Deletes what lower layers put at path, keeping anything this layer wrote there. */
    private void hideLowerEntry(Path path) throws IOException {
        BasicFileAttributes attributes = ImageRoot.attributesOrNull(path);
        if (attributes == null || writtenByLayer.contains(path)) {
            return;
        }
        if (aboveWritten.contains(path) && attributes.isDirectory()) {
            hideLowerChildren(path);
            return;
        }
        TreeRemover.remove(path);
    }

    /** Empties folder of what lower layers put in it: the opaque whiteout, whichever order the entries came in. */
    private void hideLowerChildren(Path folder) throws IOException {
        List<Path> children;
        try (Stream<Path> listing = Files.list(folder)) {
            children = listing.toList();
        }
        for (Path child : children) {
            if (writtenByLayer.contains(child) || aboveWritten.contains(child)) {
                BasicFileAttributes attributes = ImageRoot.attributesOrNull(child);
                if (attributes != null && attributes.isDirectory()) {
                    hideLowerChildren(child);
                }
            } else {
                TreeRemover.remove(child);
            }
        }
    }
}
