package dev.bantubox.engine.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the planner needs to know about one launch, after the engine has prepared the host side.
 *
 * @param toggles          the isolation steps that are on
 * @param root             where the root filesystem comes from
 * @param hostname         the hostname to set (only with UTS_NS), or null
 * @param command          the command and its arguments; the first is searched in PATH when it has no slash
 * @param environment      KEY=VALUE entries for execve
 * @param workingDirectory the directory to start in, inside the container; null keeps "/" (or the
 *                         engine's own directory when the root is not changed)
 * @param stdio            descriptors to install as 0, 1 and 2 in the child
 * @param hostRootIsRamfs  true when the host's "/" is ramfs or initramfs, where pivot_root() fails
 * @param initProgram      the host path of bantubox-init to run as the first process with the command
 *                         as its child, or null to run the command itself as the first process
 * @param joinSteps        steps the child runs right after the go-signal, before any other, such as
 *                         joining its cgroups
 */
public record LaunchRequest(
        ToggleSet toggles,
        RootFilesystem root,
        String hostname,
        List<String> command,
        List<String> environment,
        String workingDirectory,
        Stdio stdio,
        boolean hostRootIsRamfs,
        Path initProgram,
        List<Step> joinSteps) {

    public LaunchRequest {
        command = List.copyOf(command);
        environment = List.copyOf(environment);
        joinSteps = List.copyOf(joinSteps);
    }

    /** A request without an init program and without join steps. */
    public LaunchRequest(ToggleSet toggles, RootFilesystem root, String hostname, List<String> command,
                         List<String> environment, String workingDirectory, Stdio stdio, boolean hostRootIsRamfs) {
        this(toggles, root, hostname, command, environment, workingDirectory, stdio, hostRootIsRamfs, null, List.of());
    }

    /** A request without join steps. */
    public LaunchRequest(ToggleSet toggles, RootFilesystem root, String hostname, List<String> command,
                         List<String> environment, String workingDirectory, Stdio stdio, boolean hostRootIsRamfs,
                         Path initProgram) {
        this(toggles, root, hostname, command, environment, workingDirectory, stdio, hostRootIsRamfs, initProgram,
                List.of());
    }

    /**
     * Descriptors the child makes its standard input, output and error. -1 keeps what the engine
     * process has, which attaches the container to the engine's terminal.
     */
    public record Stdio(int input, int output, int error) {
        public static Stdio inherit() {
            return new Stdio(-1, -1, -1);
        }
    }
}
