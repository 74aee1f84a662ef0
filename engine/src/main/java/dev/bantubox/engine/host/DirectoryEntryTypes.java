package dev.bantubox.engine.host;

import java.nio.file.Path;
import java.util.Optional;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;

/**
 * Finds out whether a file system fills in d_type in readdir() results. Overlayfs needs d_type on its
 * upper layer to tell whiteouts from files; without it, files deleted in a container come back.
 * XFS formatted with ftype=0 is the usual file system that lacks it.
 */
public final class DirectoryEntryTypes {
    /** glibc's readdir64, which returns a struct dirent64 of the same layout on every architecture. */
    public interface DirectoryCalls {
        Pointer opendir(String path);

        Pointer readdir64(Pointer directory);

        int closedir(Pointer directory);
    }

    /** Offset of d_type in struct dirent64: after d_ino (8 bytes), d_off (8) and d_reclen (2). */
    private static final int D_TYPE_OFFSET = 18;
    private static final int D_NAME_OFFSET = 19;
    private static final int DT_UNKNOWN = 0;

    private static volatile DirectoryCalls calls;

    private DirectoryEntryTypes() {
    }

    /**
     * Reads the entries of directory and returns true when they carry a type, false when every entry
     * other than "." and ".." says DT_UNKNOWN, and empty when the directory has no other entry or
     * cannot be opened. The "." and ".." entries do not count: XFS reports them as DT_DIR even with
     * ftype=0.
     */
    static Optional<Boolean> reportsTypes(Path directory) {
        DirectoryCalls libc = calls();
        Pointer stream = libc.opendir(directory.toString());
        if (stream == null) {
            return Optional.empty();
        }
        try {
            for (Pointer entry = libc.readdir64(stream); entry != null; entry = libc.readdir64(stream)) {
                String name = entry.getString(D_NAME_OFFSET);
                if (name.equals(".") || name.equals("..")) {
                    continue;
                }
                return Optional.of((entry.getByte(D_TYPE_OFFSET) & 0xff) != DT_UNKNOWN);
            }
            return Optional.empty();
        } finally {
            libc.closedir(stream);
        }
    }

    private static DirectoryCalls calls() {
        DirectoryCalls loaded = calls;
        if (loaded == null) {
            synchronized (DirectoryEntryTypes.class) {
                loaded = calls;
                if (loaded == null) {
                    loaded = LibraryLoader.create(DirectoryCalls.class).load("c");
                    calls = loaded;
                }
            }
        }
        return loaded;
    }
}
