package dev.bantubox.engine.container;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.kernel.CloneFailedException;
import dev.bantubox.engine.kernel.LaunchedChild;
import dev.bantubox.engine.kernel.NativeLauncher;
import dev.bantubox.engine.kernel.PseudoTerminal;
import dev.bantubox.engine.kernel.StepFailedException;
import dev.bantubox.engine.plan.ExecRequest;
import dev.bantubox.engine.plan.LaunchPlan;
import dev.bantubox.engine.plan.LaunchPlanner;
import dev.bantubox.engine.plan.LaunchRequest;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Starts a command inside a running container: the engine clones a plain child, which joins the
 * container's namespaces with setns(), takes its root, forks into its PID namespace and runs the command.
 */
public final class ExecLaunch {
    private static final Logger LOG = Logger.getLogger(ExecLaunch.class.getName());

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
        requireRunning(record);
        LaunchPlan plan = plan(record, spec, ContainerEnvironment.of(record, spec.environment()), stdio, false);
        LaunchedChild child = clone(plan);
        child.go();
        return new ExecProcess(child, awaitExec(child, spec));
    }

    /**
     * Starts a command on a new pseudo-terminal of columns x rows, as its controlling terminal. The
     * engine's copy of the slave is closed as soon as the child has its own, so the master reports the
     * end once the command and everything it started have closed the terminal.
     */
    public static TerminalSession startInTerminal(ContainerRecord record, ExecSpec spec, int columns, int rows) {
        requireRunning(record);
        PseudoTerminal.checkSize(columns, rows);
        PseudoTerminal terminal = openTerminal(record, columns, rows);
        boolean started = false;
        try {
            int slave = terminal.slaveFd();
            LaunchPlan plan = plan(record, spec, ContainerEnvironment.forTerminal(record, spec.environment()),
                    new LaunchRequest.Stdio(slave, slave, slave), true);
            LaunchedChild child;
            try {
                child = clone(plan);
            } finally {
                terminal.closeSlave();
            }
            child.go();
            TerminalSession session = new TerminalSession(record.shortId(), terminal, child, plan,
                    awaitExec(child, spec));
            started = true;
            return session;
        } finally {
            if (!started) {
                terminal.close();
            }
        }
    }

    /**
     * Opens the pseudo-terminal in the container's own devpts when it has one (a mount namespace and a
     * root of its own), else on the host's /dev/ptmx. A host pty works the same, except that programs
     * that look up the terminal's name (tty, ttyname()) find no /dev/pts entry for it in the container.
     */
    private static PseudoTerminal openTerminal(ContainerRecord record, int columns, int rows) {
        ToggleSet toggles = RunSpec.fromRecord(record).toggles();
        if (toggles.has(Toggle.MOUNT_NS) && toggles.changesRoot()) {
            try {
                return PseudoTerminal.openInContainer(record.pid, columns, rows);
            } catch (IllegalStateException failure) {
                LOG.warning("container " + record.shortId() + ": " + failure.getMessage()
                        + "; using a pseudo-terminal of the host, which tty inside the container cannot name");
            }
        }
        try {
            return PseudoTerminal.open(columns, rows);
        } catch (IllegalStateException failure) {
            throw new EngineException(failure.getMessage(), failure);
        }
    }

    private static void requireRunning(ContainerRecord record) {
        if (!record.isRunning()) {
            throw new EngineException("container " + record.shortId() + " is not running (" + record.status()
                    + "): exec joins a running container; start a new one with 'bantubox run'");
        }
    }

    private static LaunchPlan plan(ContainerRecord record, ExecSpec spec, List<String> environment,
                                   LaunchRequest.Stdio stdio, boolean controllingTerminal) {
        ExecRequest request = new ExecRequest(record.pid, RunSpec.fromRecord(record).toggles(), spec.command(),
                environment, spec.workingDirectory(), stdio, cgroupJoinFiles(record), controllingTerminal);
        try {
            return LaunchPlanner.planExec(request);
        } catch (IllegalArgumentException invalid) {
            throw new EngineException(invalid.getMessage(), invalid);
        }
    }

    private static LaunchedChild clone(LaunchPlan plan) {
        try {
            return new NativeLauncher().start(plan);
        } catch (CloneFailedException failure) {
            throw new EngineException(failure.getMessage() + " (the engine could not fork a process for exec)", failure);
        }
    }

    private static List<JournalRecord> awaitExec(LaunchedChild child, ExecSpec spec) {
        try {
            return child.awaitExec();
        } catch (StepFailedException failure) {
            child.waitFor();
            throw FailureExplainer.explain(failure, spec.command().get(0));
        }
    }
}
