package dev.bantubox.engine.cgroup;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.container.LaunchContext;
import dev.bantubox.engine.container.LaunchHook;
import dev.bantubox.engine.kernel.LaunchedChild;
import dev.bantubox.engine.plan.Step;
import dev.bantubox.engine.kernel.NativeLibraries;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives every container its cgroups. The hook creates them with the limits before clone() and moves
 * the child in while it waits on the sync pipe, so no process of the container runs outside them.
 * When the command has ended, it kills what is left in them and removes them.
 */
public final class CgroupHook implements LaunchHook {
    private static final Logger LOG = Logger.getLogger(CgroupHook.class.getName());
    private static final int SIGKILL = 9;

    private final CgroupFiles files;
    private final IntConsumer killer;
    private final Map<String, PendingLaunch> launches = new ConcurrentHashMap<>();
    private volatile CgroupLayout layout;

    /** A hook on the kernel's cgroup file systems, sending SIGKILL through libc. */
    public CgroupHook() {
        this(new KernelCgroupFiles(), pid -> NativeLibraries.get().libc().kill(pid, SIGKILL));
    }

    public CgroupHook(CgroupFiles files, IntConsumer killer) {
        this.files = files;
        this.killer = killer;
    }

    /**
     * Returns the host's cgroup layout, detected on first use. Throws IllegalStateException when no
     * mounted cgroup file system reaches the engine's own cgroup.
     */
    public CgroupLayout layout() {
        CgroupLayout detected = layout;
        if (detected == null) {
            detected = CgroupLayout.detect(files).requireUsable();
            layout = detected;
        }
        return detected;
    }

    /** Returns the cgroups recorded for a container, or null when it has none. */
    public ContainerCgroup cgroupOf(ContainerRecord record) {
        if (record.cgroups == null || record.cgroups.isEmpty()) {
            return null;
        }
        return ContainerCgroup.fromDirectories(layout(), files, killer, record.cgroups);
    }

    @Override
    public void beforeClone(LaunchContext context) {
        ContainerRecord record = context.record();
        CgroupLimits limits = context.spec().limits();
        CgroupLayout hostLayout;
        try {
            hostLayout = layout();
        } catch (IllegalStateException noCgroups) {
            if (limits.isEmpty()) {
                LOG.warning("container " + record.shortId() + " runs without cgroups: " + noCgroups.getMessage());
                return;
            }
            throw new EngineException(noCgroups.getMessage(), noCgroups);
        }
        ContainerCgroup cgroup = ContainerCgroup.forContainer(hostLayout, files, killer, record.id);
        record.cgroupLayout = hostLayout.describe();
        record.cgroups = cgroup.directories().stream().map(Path::toString).toList();
        PendingLaunch pending = new PendingLaunch(cgroup, new ArrayList<>());
        launches.put(record.id, pending);
        try {
            cgroup.create(limits, ProcessHandle.current().pid(), (call, result, errno, startNanos, durationNanos) ->
                    pending.records.add(new PendingRecord(call, result, errno, startNanos, durationNanos)));
        } catch (IllegalArgumentException invalid) {
            throw new EngineException(invalid.getMessage(), invalid);
        } catch (IllegalStateException refused) {
            if (!limits.isEmpty()) {
                throw new EngineException(refused.getMessage(), refused);
            }
            // Without limits the cgroups only serve the usage figures and the clean-up, so the container
            // may still run. The warning gives the reason its figures are missing.
            LOG.warning("container " + record.shortId() + " runs without cgroups: " + refused.getMessage());
            launches.remove(record.id);
            cgroup.remove(CgroupJournal.NONE);
            record.cgroups = List.of();
        } catch (CgroupException failed) {
            throw new EngineException(failed.getMessage() + " (" + hint(failed) + ")", failed);
        }
    }

    @Override
    public List<Step> childSteps(LaunchContext context) {
        PendingLaunch pending = launches.get(context.record().id);
        if (pending == null) {
            return List.of();
        }
        return pending.cgroup.selfJoinFiles().stream().map(tasks -> Step.writeFile(tasks.toString(), "0")).toList();
    }

    @Override
    public void beforeGo(LaunchContext context, LaunchedChild child) {
        PendingLaunch pending = launches.get(context.record().id);
        if (pending == null) {
            return;
        }
        for (PendingRecord record : pending.records) {
            child.recordEngineStep(record.call, record.result, record.errno, record.startNanos, record.durationNanos);
        }
        try {
            pending.cgroup.join(child.pid(), child::recordEngineStep);
        } catch (CgroupException failed) {
            throw new EngineException("cannot move container " + context.record().shortId() + " into its cgroups: "
                    + failed.getMessage() + " (" + hint(failed) + ")", failed);
        }
    }

    @Override
    public void afterExit(LaunchContext context) {
        ContainerRecord record = context.record();
        PendingLaunch pending = launches.remove(record.id);
        release(record, pending != null ? pending.cgroup : cgroupOf(record));
    }

    /**
     * Kills what is left in a container's cgroups, removes them and records the OOM kills. This is for
     * a container whose command the engine did not wait for, such as on rm or in a clean-up at start-up.
     * It goes by the directories in the record, because a scan for bantubox-ID names would also find
     * the containers of other engine homes that share the parent cgroup.
     */
    public void release(ContainerRecord record) {
        release(record, cgroupOf(record));
    }

    private void release(ContainerRecord record, ContainerCgroup cgroup) {
        if (cgroup == null) {
            return;
        }
        try {
            record.oomKills = cgroup.oomKills();
        } catch (CgroupException unreadable) {
            LOG.log(Level.WARNING, "container " + record.shortId() + ": cannot read its OOM kill count: "
                    + unreadable.getMessage(), unreadable);
        }
        cgroup.killAll(CgroupJournal.NONE);
        cgroup.remove(CgroupJournal.NONE);
    }

    private static String hint(CgroupException failure) {
        return switch (failure.errno()) {
            case "EACCES", "EPERM", "EROFS" -> "changing cgroups needs root and a writable cgroup file system: run"
                    + " bantubox with sudo, outside a container that mounts /sys/fs/cgroup read-only";
            case "EINVAL" -> "the kernel rejected this value; a limit above the engine's own cgroup limit is one cause";
            case "ENOSPC", "EAGAIN" -> "the cgroup above allows no more child cgroups or processes"
                    + " (cgroup.max.descendants or pids.max there)";
            case "EBUSY" -> "the cgroup is in use in a way this change does not allow";
            default -> "see the journal with --trace for the cgroup steps before it";
        };
    }

    /** A launch between beforeClone and beforeGo: its cgroups and the records of creating them. */
    private record PendingLaunch(ContainerCgroup cgroup, List<PendingRecord> records) {
    }

    /** One cgroup change made before the child existed, kept until its journal does. */
    private record PendingRecord(String call, long result, String errno, long startNanos, long durationNanos) {
    }
}
