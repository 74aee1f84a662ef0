package dev.bantubox.engine.cgroup;

import java.nio.file.Path;
import java.util.List;

/**
 * The file operations a cgroup driver makes. The engine uses the kernel's cgroup file systems
 * ({@link KernelCgroupFiles}); the tests of the v2 driver use a file-backed tree that behaves like one.
 * Every method throws {@link CgroupException} with the errno name when the operation fails.
 */
public interface CgroupFiles {

    /** Creates a cgroup directory; the kernel fills it with the interface files. */
    void makeDirectory(Path directory);

    /** Removes an empty cgroup directory (rmdir; the interface files go with it). */
    void removeDirectory(Path directory);

    /** Writes value to an interface file in a single write(), as the kernel expects. */
    void write(Path file, String value);

    /** Reads a whole interface file. */
    String read(Path file);

    boolean exists(Path path);

    /** Lists the child cgroups of a directory. */
    List<Path> childDirectories(Path directory);
}
