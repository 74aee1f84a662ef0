package dev.bantubox.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One kernel step of a launch plan: what the child will call, with its arguments, in the order the
 * plan lists it.
 *
 * @param kind           the system call or small sequence the child runs
 * @param toleratesExists true when EEXIST is not a failure (the image may already have the entry)
 * @param number         flags, mode, descriptor or namespace type, as the kind needs
 * @param number2        a device number (mknod) or the target descriptor (dup2)
 * @param arguments      string arguments: paths, file system types, mount data, the command line
 */
public record Step(StepKind kind, boolean toleratesExists, long number, long number2, List<String> arguments) {
    private static final int O_RDONLY = 0;

    public Step {
        arguments = List.copyOf(arguments);
    }

    public static Step waitForParent() {
        return new Step(StepKind.WAIT_FOR_PARENT, false, 0, 0, List.of());
    }

    /** mount(2); empty strings stand for NULL. */
    public static Step mount(String source, String target, String type, long flags, String data) {
        return new Step(StepKind.MOUNT, false, flags, 0, List.of(source, target, type, data));
    }

    public static Step unmount(String target, long flags) {
        return new Step(StepKind.UMOUNT2, false, flags, 0, List.of(target));
    }

    public static Step makeDirectory(String path, int mode) {
        return new Step(StepKind.MKDIR, true, mode, 0, List.of(path));
    }

    /** mknod(2) of a character device; mode includes S_IFCHR. */
    public static Step makeCharDevice(String path, int permissions, int major, int minor) {
        long device = ((long) major << 8) | minor;
        return new Step(StepKind.MKNOD, true, 0020000 | permissions, device, List.of(path));
    }

    public static Step symlink(String target, String linkPath) {
        return new Step(StepKind.SYMLINK, true, 0, 0, List.of(target, linkPath));
    }

    public static Step changeDirectory(String path) {
        return new Step(StepKind.CHDIR, false, 0, 0, List.of(path));
    }

    public static Step pivotRoot(String newRoot, String putOld) {
        return new Step(StepKind.PIVOT_ROOT, false, 0, 0, List.of(newRoot, putOld));
    }

    public static Step changeRoot(String path) {
        return new Step(StepKind.CHROOT, false, 0, 0, List.of(path));
    }

    public static Step setHostname(String hostname) {
        return new Step(StepKind.SETHOSTNAME, false, 0, 0, List.of(hostname));
    }

    public static Step joinNamespace(String nsPath, int cloneFlag) {
        return new Step(StepKind.SETNS, false, cloneFlag, 0, List.of(nsPath));
    }

    public static Step duplicateDescriptor(int from, int to) {
        return new Step(StepKind.DUP2, false, from, to, List.of());
    }

    public static Step closeStrayDescriptors() {
        return new Step(StepKind.CLOSE_FDS, false, 0, 0, List.of());
    }

    public static Step resetSignalMask() {
        return new Step(StepKind.RESET_SIGNALS, false, 0, 0, List.of());
    }

    /**
     * Blocks every asynchronous signal across execve of bantubox-init, which waits for them with
     * sigwaitinfo(): a signal sent before it blocked them itself would be dropped by the kernel.
     */
    public static Step blockSignalsForInit() {
        return new Step(StepKind.RESET_SIGNALS, false, 1, 0, List.of());
    }

    public static Step setUmask(int mask) {
        return new Step(StepKind.UMASK, false, mask, 0, List.of());
    }

    public static Step linkUp(String interfaceName) {
        return new Step(StepKind.LINK_UP, false, 0, 0, List.of(interfaceName));
    }

    public static Step fork() {
        return new Step(StepKind.FORK, false, 0, 0, List.of());
    }

    public static Step newSession() {
        return new Step(StepKind.SETSID, false, 0, 0, List.of());
    }

    public static Step takeControllingTerminal(int fd) {
        return new Step(StepKind.SET_CTTY, false, fd, 0, List.of());
    }

    public static Step changeMode(String path, int mode) {
        return new Step(StepKind.CHMOD, false, mode, 0, List.of(path));
    }

    /** Opens an existing file and writes text to it in one write(2), as cgroup files expect. */
    public static Step writeFile(String path, String text) {
        return new Step(StepKind.WRITE_FILE, false, 0, 0, List.of(path, text));
    }

    /**
     * open(2) of a host program for {@link #executeOpened}: the child keeps the descriptor (O_CLOEXEC)
     * across the root change, so the program need not exist inside the image.
     */
    public static Step openProgram(String path) {
        return new Step(StepKind.OPEN, false, O_RDONLY, 0, List.of(path));
    }

    /**
     * execveat(2) of the program that the last {@link #openProgram} step opened, with argv and
     * environment; path is the host path it was opened from, shown in the journal.
     */
    public static Step executeOpened(String path, List<String> argv, List<String> environment) {
        List<String> arguments = new ArrayList<>(1 + argv.size() + environment.size());
        arguments.add(path);
        arguments.addAll(argv);
        arguments.addAll(environment);
        return new Step(StepKind.EXECVEAT, false, argv.size(), 0, arguments);
    }

    /** execve(2) of file (searched in the PATH of environment when it has no slash). */
    public static Step execute(String file, List<String> argv, List<String> environment) {
        List<String> arguments = new ArrayList<>(1 + argv.size() + environment.size());
        arguments.add(file);
        arguments.addAll(argv);
        arguments.addAll(environment);
        return new Step(StepKind.EXECVE, false, argv.size(), 0, arguments);
    }

    /** Formats the step as a call, for the journal: {@code mount("proc", "/proc", "proc", MS_NOSUID, "")}. */
    public String describe() {
        return kind.journalName() + "(" + describeArguments() + ")";
    }

    private String describeArguments() {
        return switch (kind) {
            case MOUNT -> quote(arguments.get(0)) + ", " + quote(arguments.get(1)) + ", " + quote(arguments.get(2))
                    + ", " + MountFlags.describe(number) + ", " + quote(arguments.get(3));
            case UMOUNT2 -> quote(arguments.get(0)) + ", " + (number == MountFlags.MNT_DETACH ? "MNT_DETACH" : number);
            case MKDIR, CHMOD -> quote(arguments.get(0)) + ", 0" + Long.toOctalString(number);
            case MKNOD -> quote(arguments.get(0)) + ", S_IFCHR|0" + Long.toOctalString(number & 07777)
                    + ", makedev(" + (number2 >> 8) + ", " + (number2 & 0xff) + ")";
            case SETNS -> quote(arguments.get(0)) + ", " + CloneFlags.describe((int) number).replace("|SIGCHLD", "");
            case DUP2 -> number + ", " + number2;
            case UMASK -> "0" + Long.toOctalString(number);
            case RESET_SIGNALS -> number == 1 ? "all blocked for bantubox-init" : "";
            case SET_CTTY -> number + ", TIOCSCTTY";
            case EXECVE -> describeExec();
            case OPEN -> quote(arguments.get(0)) + ", O_RDONLY|O_CLOEXEC";
            case EXECVEAT -> "fd of " + quote(arguments.get(0)) + ", \"\", " + describeArgvAndEnvironment() + ", AT_EMPTY_PATH";
            default -> arguments.stream().map(Step::quote).collect(Collectors.joining(", "));
        };
    }

    private String describeExec() {
        return quote(arguments.get(0)) + ", " + describeArgvAndEnvironment();
    }

    private String describeArgvAndEnvironment() {
        int argc = (int) number;
        List<String> argv = arguments.subList(1, 1 + argc);
        return "[" + argv.stream().map(Step::quote).collect(Collectors.joining(", ")) + "], ["
                + (arguments.size() - 1 - argc) + " variables]";
    }

    private static String quote(String text) {
        return text.isEmpty() ? "NULL" : "\"" + text + "\"";
    }
}
