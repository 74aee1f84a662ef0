package dev.bantubox.engine.cgroup;

import java.nio.file.Path;

/**
 * A cgroup file operation that the kernel (or the file-backed test tree) rejected, with the errno
 * name, so that callers can explain the common ones (EBUSY, EINVAL, ENOSPC).
 */
public class CgroupException extends RuntimeException {
    private final String operation;
    private final Path path;
    private final String value;
    private final String errno;

    public CgroupException(String operation, Path path, String value, String errno) {
        super(describe(operation, path, value) + ": " + errno);
        this.operation = operation;
        this.path = path;
        this.value = value;
        this.errno = errno;
    }

    /** Returns the system call: mkdir, rmdir, write or read. */
    public String operation() {
        return operation;
    }

    public Path path() {
        return path;
    }

    /** Returns the value written, or null for other operations. */
    public String value() {
        return value;
    }

    /** Returns the errno name, for example {@code EBUSY}. */
    public String errno() {
        return errno;
    }

    /** Formats the call the way the journal shows it: {@code write("/sys/fs/cgroup/x/pids.max", "32")}. */
    static String describe(String operation, Path path, String value) {
        return value == null
                ? operation + "(\"" + path + "\")"
                : operation + "(\"" + path + "\", \"" + value + "\")";
    }
}
