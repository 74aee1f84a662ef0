package dev.bantubox.engine.plan;

/**
 * The kernel steps the native child knows. The order is the wire number the C interpreter reads
 * ({@code enum step_op} in native/src/main/c/plan.h): add new kinds at the end of both.
 */
public enum StepKind {
    WAIT_FOR_PARENT("wait-for-parent"),
    MOUNT("mount"),
    UMOUNT2("umount2"),
    MKDIR("mkdir"),
    MKNOD("mknod"),
    SYMLINK("symlink"),
    CHDIR("chdir"),
    PIVOT_ROOT("pivot_root"),
    CHROOT("chroot"),
    SETHOSTNAME("sethostname"),
    SETNS("setns"),
    DUP2("dup2"),
    CLOSE_FDS("close-fds"),
    RESET_SIGNALS("reset-signals"),
    EXECVE("execve"),
    UMASK("umask"),
    LINK_UP("link-up"),
    FORK("fork"),
    SETSID("setsid"),
    SET_CTTY("set-ctty"),
    CHMOD("chmod"),
    OPEN("open"),
    EXECVEAT("execveat"),
    WRITE_FILE("write");

    private final String journalName;

    StepKind(String journalName) {
        this.journalName = journalName;
    }

    /** The name the journal shows: the system call's own name where there is one. */
    public String journalName() {
        return journalName;
    }

    public int wireNumber() {
        return ordinal();
    }
}
