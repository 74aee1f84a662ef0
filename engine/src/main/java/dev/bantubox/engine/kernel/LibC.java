package dev.bantubox.engine.kernel;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/** The few libc calls the engine makes on the parent side of a launch. */
public interface LibC {
    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_APPEND = 02000;
    int O_CLOEXEC = 02000000;
    int WNOHANG = 1;
    int EINTR = 4;
    int EAGAIN = 11;
    int ESRCH = 3;
    int EIO = 5;
    int EFD_CLOEXEC = O_CLOEXEC;

    @SaveError
    int pipe2(@Out int[] descriptors, int flags);

    @SaveError
    @ssize_t
    long read(int fd, @Out byte[] buffer, @size_t long count);

    @SaveError
    @ssize_t
    long write(int fd, @In byte[] buffer, @size_t long count);

    @SaveError
    int close(int fd);

    @SaveError
    int open(String path, int flags);

    @SaveError
    int mkfifo(String path, int mode);

    /** ioctl(2) whose argument points to one int the kernel reads or writes, such as FS_IOC_GETFLAGS. */
    @SaveError
    int ioctl(int fd, long request, int[] argument);

    @SaveError
    int waitpid(int pid, @Out int[] status, int options);

    @SaveError
    int kill(int pid, int signal);

    @SaveError
    int mount(String source, String target, String type, long flags, String data);

    @SaveError
    int umount2(String target, int flags);

    /** Joins the namespace behind fd; for CLONE_NEWNET only the calling thread moves. */
    @SaveError
    int setns(int fd, int nstype);

    /** Creates an eventfd: a counter that poll() reports readable once a write made it non-zero. */
    @SaveError
    int eventfd(int initialValue, int flags);

    int isatty(int fd);

    int geteuid();

    int getpid();
}
