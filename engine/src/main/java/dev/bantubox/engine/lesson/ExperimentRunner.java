package dev.bantubox.engine.lesson;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.RunningContainer;
import dev.bantubox.engine.host.MountInfo;
import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.inspect.ContainerInspector;
import dev.bantubox.engine.inspect.ContainerSnapshot;
import dev.bantubox.engine.inspect.FilesystemSnapshot;
import dev.bantubox.engine.inspect.OverlayLayers;
import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.kernel.NativeTools;
import dev.bantubox.engine.kernel.StepFailedException;
import dev.bantubox.engine.cgroup.ByteSize;
import dev.bantubox.engine.cgroup.CgroupLimits;
import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs lesson experiments on the real engine and checks their expectations. The app, the lesson
 * checker and the tests all run experiments through this class, so a lesson shows what the test checked.
 */
public final class ExperimentRunner {
    /** A lesson command that runs longer than this is killed, so a typo such as "sleep 1000" cannot hang a lesson. */
    public static final long TIMEOUT_SECONDS = 30;
    private static final Logger LOG = Logger.getLogger(ExperimentRunner.class.getName());
    private static final int SIGKILL = 9;
    private static final long PEER_START_MILLIS = 300;
    private static final int MNT_DETACH = 2;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "experiment-timeout");
        thread.setDaemon(true);
        return thread;
    });

    private final Engine engine;
    /** The container whose command runs now, so that {@link #stop()} can reach it from another thread. */
    private volatile RunningContainer current;
    /** Set by {@link #stop()} before the command started, so the launch kills it as soon as it runs. */
    private volatile boolean stopRequested;
    /** Ids of the containers this runner started and has not removed yet, peers included. */
    private final Set<String> startedContainers = ConcurrentHashMap.newKeySet();

    /** Receives a run's facts as soon as they exist, on the thread that called run. */
    public interface Listener {
        /**
         * Receives the container's record once its command runs: its id (for cgroup usage samples while it
         * runs) and its network connection. Called after {@link #started}, so that a listener that reads
         * the container's figures here does not delay the journal.
         */
        default void running(ContainerRecord record) {
        }

        /** Receives the record of the experiment's peer container, once it runs, before the main command starts. */
        default void peerRunning(ContainerRecord record) {
        }

        /** Receives the complete launch journal once the command runs. */
        default void started(List<JournalRecord> journal) {
        }

        /** Receives the snapshot of the running container. */
        default void inspected(ContainerSnapshot snapshot) {
        }
    }

    public ExperimentRunner(Engine engine) {
        this.engine = engine;
    }

    /** Runs experiment as its lesson presets it. */
    public ExperimentResult run(Lesson lesson, Experiment experiment) {
        return run(experiment, experiment.toggleSet(lesson), experiment.command, new Listener() { });
    }

    /**
     * Runs experiment with the toggles and command the learner chose (both may differ from the preset),
     * and checks the experiment's expectation. Blocks until the command ended; never call it on a UI thread.
     */
    public ExperimentResult run(Experiment experiment, ToggleSet toggles, String commandText, Listener listener) {
        List<String> command = CommandSplitter.split(commandText);
        String missing = EngineFeatures.missingFor(experiment);
        if (missing != null) {
            return ExperimentResult.skipped(command, missing);
        }
        stopRequested = false;
        RunningContainer peer;
        try {
            peer = startPeer(experiment, toggles);
        } catch (RuntimeException failure) {
            return ExperimentResult.failedToStart(command, "the peer container did not start: " + failure.getMessage());
        }
        Run main;
        try {
            if (peer != null) {
                command = withPeerAddress(command, peer);
                listener.peerRunning(peer.record());
            }
            main = runOnce(specFor(experiment, toggles, command), listener);
        } finally {
            stopPeer(peer);
        }
        RunSpec spec = specFor(experiment, toggles, command);
        List<ExperimentResult.StartTime> startTimes = new ArrayList<>();
        List<String> failures = new ArrayList<>(ExpectationCheck.failures(experiment.expect, main.outcome(), main.snapshot(),
                main.leftoverMounts()));
        if (experiment.compareToggle != null && main.error() == null) {
            Toggle compared = Toggle.parse(experiment.compareToggle);
            boolean on = toggles.has(compared);
            Run other = runOnce(spec.toBuilder().toggles(toggles.with(compared, !on)).build(), new Listener() { });
            startTimes.add(startTime(compared.optionName() + (on ? " on" : " off"), main));
            if (other.error() != null) {
                failures.add("the comparison run with " + compared.optionName() + (on ? " off" : " on")
                        + " failed: " + other.error());
            } else {
                startTimes.add(startTime(compared.optionName() + (on ? " off" : " on"), other));
            }
        }
        RunOutcome outcome = main.outcome();
        return new ExperimentResult(command, outcome.exitCode(), outcome.output(), main.error(), outcome.journal(),
                main.snapshot(), main.layers(), main.leftoverMounts(), startTimes, failures, null);
    }

    /**
     * Builds the run from the lesson's toggles and its runOptions: network (none, bridge or host), cpus,
     * memory and pids-limit, as the CLI's options of those names take them. Lessons before the network
     * lesson run with loopback only, so no lesson wires a bridge on the host unless it asks for one.
     */
    private RunSpec specFor(Experiment experiment, ToggleSet toggles, List<String> command) {
        RunSpec.Builder builder = RunSpec.builder().toggles(toggles).command(command).removeOnExit(false);
        for (String tool : experiment.tools) {
            builder.addFile(NativeTools.extract(tool), "/usr/local/bin/" + tool);
        }
        Map<String, String> options = experiment.runOptions;
        if (toggles.has(Toggle.NET_NS)) {
            builder.network(NetworkMode.parse(options.getOrDefault("network", NetworkMode.NONE.optionName())));
        }
        CgroupLimits limits = CgroupLimits.none();
        if (options.containsKey("cpus")) {
            limits = limits.withCpus(Double.parseDouble(options.get("cpus")));
        }
        if (options.containsKey("memory")) {
            limits = limits.withMemory(ByteSize.parse(options.get("memory")));
        }
        if (options.containsKey("pids-limit")) {
            limits = limits.withPidsLimit(Long.parseLong(options.get("pids-limit")));
        }
        return builder.limits(limits).build();
    }

    /** Starts the experiment's "peer" container on the bridge, when it has one, and returns it. */
    private RunningContainer startPeer(Experiment experiment, ToggleSet toggles) {
        String peerCommand = experiment.runOptions.get("peer");
        if (peerCommand == null) {
            return null;
        }
        RunSpec spec = RunSpec.builder().toggles(toggles).command(CommandSplitter.split(peerCommand))
                .network(NetworkMode.BRIDGE).removeOnExit(true).build();
        RunningContainer peer = engine.startDetached(spec);
        startedContainers.add(peer.id());
        // A server needs a moment after execve before it listens; the command's own retries would hide errors.
        sleepQuietly(PEER_START_MILLIS);
        return peer;
    }

    /** Replaces the word "peer" in the command with the peer container's address on the bridge. */
    private static List<String> withPeerAddress(List<String> command, RunningContainer peer) {
        String cidr = peer.record().network == null ? null : peer.record().network.address;
        if (cidr == null) {
            throw new EngineException("the peer container has no bridge address; give it runOptions network bridge");
        }
        String address = cidr.substring(0, cidr.indexOf('/'));
        return command.stream().map(argument -> argument.replaceAll("\\bpeer\\b", address)).toList();
    }

    private void stopPeer(RunningContainer peer) {
        if (peer == null) {
            return;
        }
        try {
            engine.remove(peer.id(), true);
            startedContainers.remove(peer.id());
        } catch (RuntimeException failure) {
            LOG.warning("the peer container " + peer.shortId() + " could not be removed: " + failure.getMessage());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The outcome of one launch; error is the engine's message when the container could not start. */
    private record Run(RunOutcome outcome, ContainerSnapshot snapshot, OverlayLayers layers, List<String> leftoverMounts,
                       String error) {
    }

    private Run runOnce(RunSpec spec, Listener listener) {
        AtomicReference<ContainerSnapshot> snapshot = new AtomicReference<>();
        AtomicReference<ContainerRecord> record = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> timeout = new AtomicReference<>();
        try {
            Image image = engine.images().resolve(spec.image());
            RunOutcome outcome;
            try {
                outcome = engine.runAndCapture(spec, container -> {
                    current = container;
                    startedContainers.add(container.id());
                    if (stopRequested) {
                        container.signal(SIGKILL);
                    }
                    record.set(container.record());
                    timeout.set(WATCHDOG.schedule(() -> killAfterTimeout(container), TIMEOUT_SECONDS, TimeUnit.SECONDS));
                    listener.started(container.journal());
                    listener.running(record.get());
                    snapshot.set(ContainerInspector.inspect(container));
                    listener.inspected(snapshot.get());
                });
            } finally {
                current = null;
                if (timeout.get() != null) {
                    timeout.get().cancel(false);
                }
            }
            OverlayLayers layers = FilesystemSnapshot.of(record.get(), image.rootfs());
            List<String> leftover = mountsBelow(record.get().directory).stream()
                    .map(mount -> mount.mountPoint() + " (" + mount.type() + ")").toList();
            return new Run(outcome, snapshot.get(), layers, leftover, null);
        } catch (EngineException failure) {
            // A step that failed in the child (execve ENOENT, a mount) is part of the lesson, so its
            // journal is kept. Other engine failures have no journal.
            List<JournalRecord> journal = failure.getCause() instanceof StepFailedException step ? step.journal() : List.of();
            RunOutcome failed = new RunOutcome("", failure.exitCode(), failure.getMessage(), journal);
            return new Run(failed, null, null, List.of(), failure.getMessage());
        } finally {
            if (record.get() != null) {
                removeContainer(record.get());
            }
        }
    }

    /**
     * Kills the command of the experiment that runs now, if any; its run then ends with 137. Safe to
     * call from any thread, because it only sends a signal and returns.
     */
    public void stop() {
        stopRequested = true;
        RunningContainer running = current;
        if (running != null) {
            LOG.info("container " + running.shortId() + ": stopped by the learner");
            running.signal(SIGKILL);
        }
    }

    /**
     * Returns the ids of the containers this runner started that it has not removed: the one running now,
     * and any whose removal failed. A workshop reset removes them.
     */
    public List<String> startedContainers() {
        return List.copyOf(startedContainers);
    }

    /** Forgets a container that was removed by other means, such as a workshop reset. */
    public void forget(String containerId) {
        startedContainers.remove(containerId);
    }

    private static void killAfterTimeout(RunningContainer container) {
        LOG.warning("container " + container.shortId() + " ran longer than " + TIMEOUT_SECONDS + " s; killing it");
        container.signal(SIGKILL);
    }

    /**
     * Deletes the container's folder. A command run without a mount namespace can leave mounts below
     * it (a mount inside a chroot lands in the host's table), so those are detached first.
     */
    private void removeContainer(ContainerRecord record) {
        try {
            List<MountInfo> below = mountsBelow(record.directory);
            below.sort(Comparator.comparing((MountInfo mount) -> mount.mountPoint().length()).reversed());
            for (MountInfo mount : below) {
                NativeLibraries.get().libc().umount2(mount.mountPoint(), MNT_DETACH);
            }
            engine.containers().delete(record.id);
            startedContainers.remove(record.id);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "container " + record.shortId() + ": removing its folder " + record.directory
                    + " failed: " + failure.getMessage(), failure);
        }
    }

    /** Lists the mounts of the engine's mount namespace, the host's, below a container's folder. */
    private static List<MountInfo> mountsBelow(String folder) {
        List<MountInfo> below = new ArrayList<>();
        for (MountInfo mount : MountInfo.readSelf()) {
            if (folder != null && mount.mountPoint().startsWith(folder + "/")) {
                below.add(mount);
            }
        }
        return below;
    }

    private static ExperimentResult.StartTime startTime(String label, Run run) {
        List<JournalRecord> journal = run.outcome().journal();
        double prepare = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (JournalRecord record : journal) {
            boolean imageCopy = record.call().startsWith("copy(\"") && record.call().endsWith("/rootfs\")");
            boolean overlayFolders = record.call().startsWith("mkdir(\"upper\"");
            if (record.side() == JournalRecord.Side.ENGINE && (imageCopy || overlayFolders)) {
                prepare += record.durationMillis();
            }
            first = Math.min(first, record.startNanos());
            last = Math.max(last, record.startNanos() + record.durationNanos());
        }
        double launch = journal.isEmpty() ? 0 : (last - first) / 1_000_000.0;
        return new ExperimentResult.StartTime(label, prepare, launch);
    }
}
