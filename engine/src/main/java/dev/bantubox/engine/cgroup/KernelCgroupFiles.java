package dev.bantubox.engine.cgroup;

import dev.bantubox.engine.kernel.Errno;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The kernel's cgroup file systems. Writes go through libc open() and write() so that the errno the
 * kernel returns (EBUSY, EINVAL, ENOSPC) reaches the caller unchanged, which java.nio does not promise.
 */
public final class KernelCgroupFiles implements CgroupFiles {
    private static final int O_WRONLY = 1;
    private static final int O_CLOEXEC = 02000000;
    private static final int DIRECTORY_MODE = 0755;

    /** The libc calls for cgroup files; kept here so the engine's shared LibC interface stays small. */
    public interface Syscalls {
        @SaveError
        int open(String path, int flags);

        @SaveError
        @ssize_t
        long write(int fd, @In byte[] buffer, @size_t long count);

        @SaveError
        int close(int fd);

        @SaveError
        int mkdir(String path, int mode);

        @SaveError
        int rmdir(String path);
    }

    private static final class Loaded {
        static final Syscalls LIBC = LibraryLoader.create(Syscalls.class).load("c");
    }

    @Override
    public void makeDirectory(Path directory) {
        if (libc().mkdir(directory.toString(), DIRECTORY_MODE) != 0) {
            throw new CgroupException("mkdir", directory, null, lastErrno());
        }
    }

    @Override
    public void removeDirectory(Path directory) {
        if (libc().rmdir(directory.toString()) != 0) {
            throw new CgroupException("rmdir", directory, null, lastErrno());
        }
    }

    @Override
    public void write(Path file, String value) {
        int fd = libc().open(file.toString(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            throw new CgroupException("write", file, value, lastErrno());
        }
        try {
            byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
            long written = libc().write(fd, bytes, bytes.length);
            if (written != bytes.length) {
                throw new CgroupException("write", file, value, written < 0 ? lastErrno() : "short write");
            }
        } finally {
            libc().close(fd);
        }
    }

    @Override
    public String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException missing) {
            throw new CgroupException("read", file, null, "ENOENT");
        } catch (IOException e) {
            throw new CgroupException("read", file, null, e.getMessage());
        }
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public List<Path> childDirectories(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(entry -> Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (NoSuchFileException missing) {
            return List.of();
        } catch (IOException e) {
            throw new CgroupException("read", directory, null, e.getMessage());
        }
    }

    /** Loads libc on first use, so that an engine that never touches cgroups does not pay for it. */
    private static Syscalls libc() {
        return Loaded.LIBC;
    }

    private static String lastErrno() {
        return Errno.name(Runtime.getRuntime(libc()).getLastError());
    }
}
