package dev.bantubox.engine.kernel;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The engine's side of a pseudo-terminal: the master, from which the engine reads what programs write
 * to the terminal and to which it writes what the user types, and the slave until a launched child has
 * its own copy. Reads and writes may block in several threads at once; {@link #close()} wakes them
 * through an eventfd before it closes the master, so no thread is left blocked on a closed descriptor
 * number that the next open() could reuse.
 */
public final class PseudoTerminal implements AutoCloseable {
    private static final int MASTER = 0;
    private static final int SLAVE = 1;
    private static final int ERRNO = 2;
    private static final byte[] WAKE = {1, 0, 0, 0, 0, 0, 0, 0};

    private final NativeLibraries libraries;
    private final int master;
    private final int wake;
    private int slave;
    /** Readers and writers hold the read lock during a call; close() takes the write lock to close the master. */
    private final ReentrantReadWriteLock descriptorLock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private PseudoTerminal(NativeLibraries libraries, int master, int slave, int wake) {
        this.libraries = libraries;
        this.master = master;
        this.slave = slave;
        this.wake = wake;
    }

    /**
     * Opens a pseudo-terminal of columns x rows characters on the host's /dev/ptmx; both ends close at
     * execve in other processes.
     */
    public static PseudoTerminal open(int columns, int rows) {
        checkSize(columns, rows);
        NativeLibraries libraries = NativeLibraries.get();
        int[] result = new int[libraries.bantubox().bb_pty_result_slots()];
        if (libraries.bantubox().bb_open_pty(columns, rows, result) != 0) {
            throw new IllegalStateException("cannot open a pseudo-terminal: " + Errno.name(result[ERRNO])
                    + " (the host needs /dev/ptmx and a mounted /dev/pts; ENOSPC means the kernel's pty limit in"
                    + " /proc/sys/kernel/pty/max is reached)");
        }
        return withWakeEvent(libraries, result);
    }

    /**
     * Opens a pseudo-terminal of columns x rows characters in the devpts instance on the /dev/pts of
     * the container whose first process is containerPid, so that inside it the slave is /dev/pts/N.
     */
    public static PseudoTerminal openInContainer(int containerPid, int columns, int rows) {
        checkSize(columns, rows);
        NativeLibraries libraries = NativeLibraries.get();
        int[] result = new int[libraries.bantubox().bb_pty_result_slots()];
        if (libraries.bantubox().bb_open_container_pty(containerPid, columns, rows, result) != 0) {
            throw new IllegalStateException("cannot open a pseudo-terminal in /proc/" + containerPid
                    + "/root/dev/pts/ptmx: " + Errno.name(result[ERRNO]) + " (the container's /dev/pts is missing or"
                    + " was replaced; ENOSYS means a kernel older than 5.6 without openat2)");
        }
        return withWakeEvent(libraries, result);
    }

    private static PseudoTerminal withWakeEvent(NativeLibraries libraries, int[] result) {
        int wake = libraries.libc().eventfd(0, LibC.EFD_CLOEXEC);
        if (wake < 0) {
            int errno = libraries.lastErrno();
            libraries.libc().close(result[MASTER]);
            libraries.libc().close(result[SLAVE]);
            throw new IllegalStateException("eventfd failed for a pseudo-terminal: " + Errno.name(errno));
        }
        return new PseudoTerminal(libraries, result[MASTER], result[SLAVE], wake);
    }

    /** Throws IllegalArgumentException unless both are between 1 and 65535, the range of struct winsize. */
    public static void checkSize(int columns, int rows) {
        if (columns < 1 || columns > 0xffff || rows < 1 || rows > 0xffff) {
            throw new IllegalArgumentException("invalid terminal size " + columns + " x " + rows
                    + ": columns and rows must be between 1 and 65535");
        }
    }

    /** Returns the slave's descriptor, for the child's standard input, output and error, or -1 once closed. */
    public int slaveFd() {
        return slave;
    }

    /**
     * Closes the engine's copy of the slave. Call it once the child has its own: as long as any process
     * has the slave open, reading the master never reports the end.
     */
    public void closeSlave() {
        if (slave >= 0) {
            libraries.libc().close(slave);
            slave = -1;
        }
    }

    /**
     * Reads what programs wrote to the terminal into buffer, waiting for at least one byte. Returns the
     * count, or -1 once no process has the slave open any more or the terminal was closed.
     */
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        descriptorLock.readLock().lock();
        try {
            if (closed) {
                return -1;
            }
            byte[] target = offset == 0 ? buffer : new byte[length];
            long count = libraries.bantubox().bb_read_unless_woken(master, wake, target, length);
            if (count < 0) {
                throw new IOException("read from the pseudo-terminal failed: " + Errno.name((int) -count));
            }
            if (count == 0) {
                return -1;
            }
            if (target != buffer) {
                System.arraycopy(target, 0, buffer, offset, (int) count);
            }
            return (int) count;
        } finally {
            descriptorLock.readLock().unlock();
        }
    }

    /** Writes bytes as if typed on the terminal; waits while the terminal's input queue is full. */
    public void write(byte[] buffer, int offset, int length) throws IOException {
        descriptorLock.readLock().lock();
        try {
            if (closed) {
                throw new IOException("the terminal is closed, so the input cannot reach the program");
            }
            byte[] source = offset == 0 ? buffer : Arrays.copyOfRange(buffer, offset, offset + length);
            long written = libraries.bantubox().bb_write_unless_woken(master, wake, source, length);
            if (written == -LibC.EIO) {
                throw new IOException("no program has the terminal open any more, so the input cannot reach one");
            }
            if (written < 0) {
                throw new IOException("write to the pseudo-terminal failed: " + Errno.name((int) -written));
            }
            if (written < length) {
                throw new IOException("the terminal was closed while " + (length - written) + " bytes of input were"
                        + " still waiting");
            }
        } finally {
            descriptorLock.readLock().unlock();
        }
    }

    /**
     * Sets the window size; the kernel sends SIGWINCH to the terminal's foreground process group. Does
     * nothing once the terminal is closed.
     */
    public void resize(int columns, int rows) {
        checkSize(columns, rows);
        descriptorLock.readLock().lock();
        try {
            if (closed) {
                return;
            }
            int result = libraries.bantubox().bb_set_window_size(master, columns, rows);
            if (result != 0) {
                throw new IllegalStateException("cannot set the terminal size to " + columns + " x " + rows + ": "
                        + Errno.name(-result));
            }
        } finally {
            descriptorLock.readLock().unlock();
        }
    }

    /**
     * Hangs the terminal up: wakes every blocked read and write, then closes the master and the slave.
     * When the last master descriptor closes, the kernel sends SIGHUP to the session that has the slave
     * as its controlling terminal. Safe to call more than once.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // The eventfd stays readable, so every reader and writer that starts from now on returns at once too.
        libraries.libc().write(wake, WAKE, WAKE.length);
        descriptorLock.writeLock().lock();
        try {
            closeSlave();
            libraries.libc().close(master);
            libraries.libc().close(wake);
        } finally {
            descriptorLock.writeLock().unlock();
        }
    }
}
