package dev.bantubox.engine.container;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.kernel.CloneFailedException;
import dev.bantubox.engine.kernel.LaunchedChild;
import dev.bantubox.engine.kernel.NativeLauncher;
import dev.bantubox.engine.kernel.StepFailedException;
import dev.bantubox.engine.plan.ExecRequest;
import dev.bantubox.engine.plan.LaunchPlan;
import dev.bantubox.engine.plan.LaunchPlanner;
import dev.bantubox.engine.plan.LaunchRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a command inside a running container: the engine clones a plain child, which joins the
 * container's namespaces with setns(), takes its root, forks into its PID namespace and runs the command.
 */
public final class ExecLaunch {
    private ExecLaunch() {
    }

    /** A v1 cgroup has a tasks file, where a thread moves itself without the kernel's global lock. */
    private static List<String> cgroupJoinFiles(ContainerRecord record) {
        List<String> files = new ArrayList<>();
        for (String directory : record.cgroups == null ? List.<String>of() : record.cgroups) {
            Path tasks = Path.of(directory, "tasks");
            files.add((Files.exists(tasks) ? tasks : Path.of(directory, "cgroup.procs")).toString());
        }
        return files;
    }

    public static ExecProcess start(ContainerRecord record, ExecSpec spec, LaunchRequest.Stdio stdio) {
        if (!record.isRunning()) {
            throw new EngineException("container " + record.shortId() + " is not running (" + record.status()
                    + "): exec joins a running container; start a new one with 'bantubox run'");
        }
        ExecRequest request = new ExecRequest(record.pid, RunSpec.fromRecord(record).toggles(), spec.command(),
                ContainerEnvironment.of(record, spec.environment()), spec.workingDirectory(), stdio,
                cgroupJoinFiles(record));
        LaunchPlan plan;
        try {
            plan = LaunchPlanner.planExec(request);
        } catch (IllegalArgumentException invalid) {
            throw new EngineException(invalid.getMessage(), invalid);
        }
        LaunchedChild child;
        try {
            child = new NativeLauncher().start(plan);
        } catch (CloneFailedException failure) {
            throw new EngineException(failure.getMessage() + " (the engine could not fork a process for exec)", failure);
        }
        child.go();
        try {
            return new ExecProcess(child, child.awaitExec());
        } catch (StepFailedException failure) {
            child.waitFor();
            throw FailureExplainer.explain(failure, spec.command().get(0));
        }
    }
}
