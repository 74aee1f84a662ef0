package dev.bantubox.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a launch request into the ordered kernel steps of a {@link LaunchPlan}. All the policy lives
 * here, where it can be tested without a kernel: which mounts, in which order, which root change.
 */
public final class LaunchPlanner {
    /** sethostname(2) takes at most HOST_NAME_MAX (64) bytes. */
    public static final int MAX_HOSTNAME_LENGTH = 64;
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final int STDIN = 0;
    /** argv[0] of bantubox-init, as ps inside the container shows it. */
    public static final String INIT_NAME = "bantubox-init";
    private static final List<Toggle> EXEC_NAMESPACE_ORDER =
            List.of(Toggle.UTS_NS, Toggle.IPC_NS, Toggle.NET_NS, Toggle.PID_NS, Toggle.MOUNT_NS);

    private LaunchPlanner() {
    }

    /** Checks the request and returns its plan; throws IllegalArgumentException with the reason. */
    public static LaunchPlan plan(LaunchRequest request) {
        validate(request);
        ToggleSet toggles = request.toggles();
        List<Step> steps = new ArrayList<>();
        steps.add(Step.waitForParent());
        steps.addAll(request.joinSteps());
        addStdio(steps, request.stdio());
        if (request.initProgram() != null) {
            // Opened while the host's files are still reachable: after the root change only the
            // descriptor leads to it, and the image need not contain an init of its own.
            steps.add(Step.openProgram(request.initProgram().toString()));
        }

        String root = rootPath(request.root());
        if (toggles.has(Toggle.MOUNT_NS)) {
            // When "/" is shared, as systemd makes it, the mounts below would propagate to the host's
            // peer group. Making every mount private first keeps them inside this namespace.
            steps.add(Step.mount("", "/", "", MountFlags.of(MountFlags.MS_REC, MountFlags.MS_PRIVATE), ""));
            addRootMount(steps, request);
            if (toggles.changesRoot()) {
                addKernelFilesystems(steps, root);
            }
        }
        addRootChange(steps, request, root);

        if (toggles.has(Toggle.UTS_NS) && request.hostname() != null) {
            steps.add(Step.setHostname(request.hostname()));
        }
        if (toggles.has(Toggle.NET_NS)) {
            steps.add(Step.linkUp("lo"));
        }
        if (request.workingDirectory() != null) {
            steps.add(Step.changeDirectory(request.workingDirectory()));
        }
        steps.add(Step.closeStrayDescriptors());
        steps.add(request.initProgram() != null ? Step.blockSignalsForInit() : Step.resetSignalMask());
        List<String> command = request.command();
        if (request.initProgram() != null) {
            List<String> initArgv = new ArrayList<>();
            initArgv.add(INIT_NAME);
            initArgv.addAll(command);
            steps.add(Step.executeOpened(request.initProgram().toString(), initArgv, request.environment()));
        } else {
            steps.add(Step.execute(command.get(0), command, request.environment()));
        }
        return new LaunchPlan(toggles.cloneFlags(), steps);
    }

    /**
     * Plans a process that joins a running container: setns() into each of its namespaces, then a fork,
     * because a process never changes its own PID namespace (setns of a PID namespace applies to the
     * children made afterwards). The mount namespace comes last, since after it the host's /proc (where
     * the namespace files are) is out of sight.
     */
    public static LaunchPlan planExec(ExecRequest request) {
        validateCommand(request.command(), request.environment());
        if (request.controllingTerminal() && request.stdio().input() < 0) {
            throw new IllegalArgumentException("a controlling terminal needs the terminal's slave as standard input,"
                    + " but the exec request keeps the engine's; pass the slave's descriptor as input");
        }
        ToggleSet toggles = request.toggles();
        List<Step> steps = new ArrayList<>();
        steps.add(Step.waitForParent());
        // The cgroup files are on the host's /sys, so the process joins its cgroups before it enters the
        // container's mount namespace. The forked command inherits them.
        for (String joinFile : request.cgroupJoinFiles()) {
            steps.add(Step.writeFile(joinFile, "0"));
        }
        addStdio(steps, request.stdio());

        String namespaces = "/proc/" + request.containerPid() + "/ns/";
        for (Toggle toggle : EXEC_NAMESPACE_ORDER) {
            if (toggles.has(toggle)) {
                steps.add(Step.joinNamespace(namespaces + namespaceFile(toggle), toggle.cloneFlag()));
            }
        }
        if (toggles.has(Toggle.CHROOT)) {
            // setns() of a mount namespace sets the root to that namespace's root, which is the
            // container's root only after pivot_root. A chroot()ed container's root is the one its
            // first process has, which /proc/PID/root leads to.
            steps.add(Step.changeRoot("/proc/" + request.containerPid() + "/root"));
        }
        String directory = request.workingDirectory();
        if (directory == null && toggles.changesRoot()) {
            directory = "/";
        }
        if (directory != null) {
            steps.add(Step.changeDirectory(directory));
        }
        if (toggles.has(Toggle.PID_NS)) {
            steps.add(Step.fork());
        }
        if (request.controllingTerminal()) {
            addControllingTerminal(steps);
        }
        steps.add(Step.closeStrayDescriptors());
        steps.add(Step.resetSignalMask());
        List<String> command = request.command();
        steps.add(Step.execute(command.get(0), command, request.environment()));
        return new LaunchPlan(0, steps);
    }

    /**
     * Makes standard input, a pseudo-terminal's slave, the controlling terminal of the process that
     * will exec. TIOCSCTTY needs a session leader without a terminal, so setsid() comes first. Both run
     * after the fork, because the forked process is the one that execs. As the session leader it gets
     * SIGHUP when the terminal hangs up, and Ctrl-C typed into the terminal reaches its process group.
     */
    private static void addControllingTerminal(List<Step> steps) {
        steps.add(Step.newSession());
        steps.add(Step.takeControllingTerminal(STDIN));
    }

    /** Returns the reason a hostname cannot be used, or null when it is valid. */
    public static String hostnameProblem(String hostname) {
        if (hostname.isEmpty()) {
            return "the hostname is empty";
        }
        if (hostname.length() > MAX_HOSTNAME_LENGTH) {
            return "the hostname '" + hostname + "' has " + hostname.length() + " characters; the kernel allows at most "
                    + MAX_HOSTNAME_LENGTH;
        }
        if (!HOSTNAME.matcher(hostname).matches()) {
            return "the hostname '" + hostname + "' may contain only letters, digits, '-' and '.', and must start"
                    + " and end with a letter or digit";
        }
        return null;
    }

    /** Returns the reason hostname cannot be set with these toggles, with what to change, or null when it can. */
    public static String hostnameProblem(String hostname, ToggleSet toggles) {
        String problem = hostnameProblem(hostname);
        if (problem != null) {
            return problem + "; choose a shorter or simpler name";
        }
        if (!toggles.has(Toggle.UTS_NS)) {
            return "a hostname needs UTS_NS: without its own UTS namespace the container would rename the host;"
                    + " switch UTS_NS on or drop --hostname";
        }
        return null;
    }

    private static void validateCommand(List<String> command, List<String> environment) {
        if (command.isEmpty() || command.get(0).isEmpty()) {
            throw new IllegalArgumentException("no command given: say what to run, for example /bin/sh");
        }
        for (String variable : environment) {
            if (variable.indexOf('=') <= 0) {
                throw new IllegalArgumentException("environment entry '" + variable + "' is not KEY=VALUE");
            }
        }
    }

    private static String namespaceFile(Toggle toggle) {
        return switch (toggle) {
            case UTS_NS -> "uts";
            case IPC_NS -> "ipc";
            case NET_NS -> "net";
            case PID_NS -> "pid";
            case MOUNT_NS -> "mnt";
            default -> throw new IllegalArgumentException(toggle + " is not a namespace");
        };
    }

    private static void validate(LaunchRequest request) {
        ToggleSet toggles = request.toggles();
        validateCommand(request.command(), request.environment());
        if (request.hostname() != null) {
            String problem = hostnameProblem(request.hostname(), toggles);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        boolean needsImage = toggles.changesRoot();
        if (needsImage && request.root() instanceof RootFilesystem.HostRoot) {
            throw new IllegalArgumentException("CHROOT and PIVOT_ROOT need an image root filesystem, not the host's");
        }
        if (toggles.has(Toggle.OVERLAY) != (request.root() instanceof RootFilesystem.Overlay)) {
            throw new IllegalArgumentException("the prepared root filesystem does not match the OVERLAY toggle");
        }
        if (request.root() instanceof RootFilesystem.Overlay overlay) {
            String data = overlay.mountData();
            if (data.chars().filter(c -> c == ',').count() != 2 || data.indexOf(':') >= 0) {
                throw new IllegalArgumentException("overlay paths may not contain ',' or ':' (overlayfs uses them as"
                        + " separators): move BANTUBOX_HOME to a path without them");
            }
        }
    }

    private static String rootPath(RootFilesystem root) {
        if (root instanceof RootFilesystem.Overlay overlay) {
            return overlay.merged().toString();
        }
        if (root instanceof RootFilesystem.Copy copy) {
            return copy.directory().toString();
        }
        return "/";
    }

    private static void addStdio(List<Step> steps, LaunchRequest.Stdio stdio) {
        int[] sources = {stdio.input(), stdio.output(), stdio.error()};
        for (int target = STDIN; target < sources.length; target++) {
            if (sources[target] >= 0) {
                steps.add(Step.duplicateDescriptor(sources[target], target));
            }
        }
    }

    private static void addRootMount(List<Step> steps, LaunchRequest request) {
        if (request.root() instanceof RootFilesystem.Overlay overlay) {
            steps.add(Step.mount("overlay", overlay.merged().toString(), "overlay", 0, overlay.mountData()));
        } else if (request.root() instanceof RootFilesystem.Copy copy && request.toggles().has(Toggle.PIVOT_ROOT)) {
            // pivot_root() needs the new root to be a mount point; a bind mount of the directory onto
            // itself makes it one.
            String path = copy.directory().toString();
            steps.add(Step.mount(path, path, "", MountFlags.of(MountFlags.MS_BIND, MountFlags.MS_REC), ""));
        }
    }

    /** Adds a fresh /proc, a minimal /dev and a read-only /sys below the new root. */
    private static void addKernelFilesystems(List<Step> steps, String root) {
        long noSuidDevExec = MountFlags.of(MountFlags.MS_NOSUID, MountFlags.MS_NODEV, MountFlags.MS_NOEXEC);
        // A proc mounted from inside the new PID namespace lists only that namespace's processes.
        steps.add(Step.makeDirectory(root + "/proc", 0555));
        steps.add(Step.mount("proc", root + "/proc", "proc", noSuidDevExec, ""));

        String dev = root + "/dev";
        steps.add(Step.makeDirectory(dev, 0755));
        steps.add(Step.mount("tmpfs", dev, "tmpfs", MountFlags.of(MountFlags.MS_NOSUID, MountFlags.MS_STRICTATIME),
                "mode=755,size=65536k"));
        // The umask would strip the write bits of the device nodes; 0 for the nodes, 022 afterwards.
        steps.add(Step.setUmask(0));
        steps.add(Step.makeCharDevice(dev + "/null", 0666, 1, 3));
        steps.add(Step.makeCharDevice(dev + "/zero", 0666, 1, 5));
        steps.add(Step.makeCharDevice(dev + "/full", 0666, 1, 7));
        steps.add(Step.makeCharDevice(dev + "/random", 0666, 1, 8));
        steps.add(Step.makeCharDevice(dev + "/urandom", 0666, 1, 9));
        steps.add(Step.makeCharDevice(dev + "/tty", 0666, 5, 0));
        steps.add(Step.makeDirectory(dev + "/pts", 0755));
        // newinstance gives the container its own pty numbering, apart from the host's /dev/pts.
        steps.add(Step.mount("devpts", dev + "/pts", "devpts", MountFlags.of(MountFlags.MS_NOSUID, MountFlags.MS_NOEXEC),
                "newinstance,ptmxmode=0666,mode=0620"));
        steps.add(Step.symlink("pts/ptmx", dev + "/ptmx"));
        steps.add(Step.makeDirectory(dev + "/shm", 01777));
        steps.add(Step.mount("shm", dev + "/shm", "tmpfs", MountFlags.of(MountFlags.MS_NOSUID, MountFlags.MS_NODEV),
                "mode=1777,size=65536k"));
        steps.add(Step.symlink("/proc/self/fd", dev + "/fd"));
        steps.add(Step.symlink("/proc/self/fd/0", dev + "/stdin"));
        steps.add(Step.symlink("/proc/self/fd/1", dev + "/stdout"));
        steps.add(Step.symlink("/proc/self/fd/2", dev + "/stderr"));
        steps.add(Step.setUmask(0022));

        steps.add(Step.makeDirectory(root + "/sys", 0555));
        // sysfs shows the network devices of the namespace that mounts it, so it comes after clone().
        steps.add(Step.mount("sysfs", root + "/sys", "sysfs", MountFlags.MS_RDONLY.bit() | noSuidDevExec, ""));
    }

    private static void addRootChange(List<Step> steps, LaunchRequest request, String root) {
        ToggleSet toggles = request.toggles();
        if (toggles.has(Toggle.PIVOT_ROOT)) {
            steps.add(Step.changeDirectory(root));
            if (request.hostRootIsRamfs()) {
                // The initial ramfs can never be unmounted, so pivot_root() refuses to move it away.
                // Moving the new root over "/" and calling chroot() into it is the remaining way.
                steps.add(Step.mount(root, "/", "", MountFlags.MS_MOVE.bit(), ""));
                steps.add(Step.changeRoot("."));
            } else {
                // pivot_root(".", ".") stacks the old root on top of the new one at the same place.
                // Detaching "." then removes the old root, so nothing of the host stays reachable.
                steps.add(Step.pivotRoot(".", "."));
                steps.add(Step.unmount(".", MountFlags.MNT_DETACH));
            }
            steps.add(Step.changeDirectory("/"));
        } else if (toggles.has(Toggle.CHROOT)) {
            steps.add(Step.changeDirectory(root));
            steps.add(Step.changeRoot("."));
            steps.add(Step.changeDirectory("/"));
        }
    }
}
