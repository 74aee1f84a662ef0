package dev.bantubox.engine.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;

import dev.bantubox.engine.host.MountInfo;
import java.nio.file.attribute.BasicFileAttributes;

/** Deletes a folder tree without following symlinks; refuses when anything is mounted below it. */
public final class TreeRemover {
    private TreeRemover() {
    }

    /** Deletes path and everything below it; a missing path is fine. */
    public static void remove(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path absolute = path.toAbsolutePath().normalize();
        for (MountInfo mount : MountInfo.readSelf()) {
            Path mountPoint = Path.of(mount.mountPoint());
            if (mountPoint.startsWith(absolute)) {
                // Deleting through a mount would delete that file system's files, such as an image's.
                throw new UncheckedIOException(new IOException(mountPoint + " is mounted below " + absolute
                        + "; unmount it before removing " + absolute));
            }
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException error) throws IOException {
                    if (error instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw error;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException error) throws IOException {
                    if (error != null) {
                        throw error;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path + ": " + e.getMessage(), e);
        }
    }
}
