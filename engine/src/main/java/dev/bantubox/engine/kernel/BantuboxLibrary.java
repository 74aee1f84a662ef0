package dev.bantubox.engine.kernel;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/** The entry points of libbantubox (native/src/main/c/launcher.c, pty.c and process.c). */
public interface BantuboxLibrary {
    int bb_result_slots();

    int bb_launch(@In byte[] plan, @size_t long length, int shareMemory, @Out long[] result);

    void bb_release(long handle);
    /**
     * Starts program with count NUL-terminated arguments packed in arguments and fds[i] as its
     * descriptor i, in a new session when newSession is not 0. Returns the pid, or -errno.
     */
    int bb_spawn(String program, @In byte[] arguments, @size_t long length, int count, @In int[] fds, int fdCount,
                 int newSession);

    int bb_pty_result_slots();

    /**
     * Opens a pseudo-terminal of columns x rows. Returns 0 with the master in result[0] and the slave in
     * result[1], both O_CLOEXEC, or -1 with errno in result[2].
     */
    int bb_open_pty(int columns, int rows, @Out int[] result);

    /**
     * Opens a pseudo-terminal like {@link #bb_open_pty} in the devpts instance mounted on /dev/pts below
     * the root of process rootPid; errno ENODEV means the file there is no ptmx device.
     */
    int bb_open_container_pty(int rootPid, int columns, int rows, @Out int[] result);

    /** Sets the window size of the terminal behind fd; returns 0 or -errno. */
    int bb_set_window_size(int fd, int columns, int rows);

    /** Reads the window size of the terminal behind fd into size (columns, rows); returns 0 or -errno. */
    int bb_window_size(int fd, @Out int[] size);

    /**
     * Reads from fd until data arrives or wakeFd (an eventfd) is signalled. Returns the byte count, 0 at
     * end-of-file (EIO from a pty master whose slave every process has closed) or when woken, or -errno.
     */
    @ssize_t
    long bb_read_unless_woken(int fd, int wakeFd, @Out byte[] buffer, @size_t long length);

    /** Writes all of buffer to fd unless wakeFd is signalled first; returns the bytes written or -errno. */
    @ssize_t
    long bb_write_unless_woken(int fd, int wakeFd, @In byte[] buffer, @size_t long length);

    /** Returns sizeof(struct termios), the size of the buffer the raw-mode calls take. */
    int bb_termios_size();

    /** Saves the settings of the terminal behind fd into saved and switches it to raw mode; returns 0 or -errno. */
    int bb_enter_raw_mode(int fd, @Out byte[] saved);

    /** Restores settings that {@link #bb_enter_raw_mode} saved; returns 0 or -errno. */
    int bb_restore_terminal(int fd, @In byte[] saved);

    /**
     * Sends signal to pid through a pidfd, but only while pid is a child of parent. Returns 0, -ESRCH
     * when pid has ended or has another parent, or -errno.
     */
    int bb_signal_child_of(int pid, int parent, int signal);
}
