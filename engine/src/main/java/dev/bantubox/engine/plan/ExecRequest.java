package dev.bantubox.engine.plan;

import java.util.List;

/**
 * Everything the planner needs to run one more process in a running container.
 *
 * @param containerPid     the host pid of the container's first process, whose namespaces are joined
 * @param toggles          the container's toggles: which namespaces it has and how its root was changed
 * @param command          the command and its arguments; the first is searched in PATH when it has no slash
 * @param environment      KEY=VALUE entries for execve
 * @param workingDirectory the directory to start in, inside the container, or null for "/"
 * @param stdio            descriptors to install as 0, 1 and 2
 * @param cgroupJoinFiles  the container's cgroup files the process writes "0" to, joining its cgroups
 *                         (tasks on v1, cgroup.procs on v2), before it leaves the host's mount namespace
 * @param controllingTerminal true when stdio's input is a pseudo-terminal's slave that the command takes
 *                         as its controlling terminal, in a session of its own
 */
public record ExecRequest(
        int containerPid,
        ToggleSet toggles,
        List<String> command,
        List<String> environment,
        String workingDirectory,
        LaunchRequest.Stdio stdio,
        List<String> cgroupJoinFiles,
        boolean controllingTerminal) {

    public ExecRequest {
        command = List.copyOf(command);
        environment = List.copyOf(environment);
        cgroupJoinFiles = List.copyOf(cgroupJoinFiles);
    }

    /** A request without a controlling terminal. */
    public ExecRequest(int containerPid, ToggleSet toggles, List<String> command, List<String> environment,
                       String workingDirectory, LaunchRequest.Stdio stdio, List<String> cgroupJoinFiles) {
        this(containerPid, toggles, command, environment, workingDirectory, stdio, cgroupJoinFiles, false);
    }

    /** A request that joins no cgroups and has no controlling terminal. */
    public ExecRequest(int containerPid, ToggleSet toggles, List<String> command, List<String> environment,
                       String workingDirectory, LaunchRequest.Stdio stdio) {
        this(containerPid, toggles, command, environment, workingDirectory, stdio, List.of());
    }
}
