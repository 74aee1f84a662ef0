package dev.bantubox.engine;

import dev.bantubox.engine.cgroup.CgroupException;
import dev.bantubox.engine.cgroup.CgroupHook;
import dev.bantubox.engine.cgroup.CgroupJournal;
import dev.bantubox.engine.cgroup.CgroupLayout;
import dev.bantubox.engine.cgroup.CgroupLimits;
import dev.bantubox.engine.cgroup.CgroupUsage;
import dev.bantubox.engine.cgroup.ContainerCgroup;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.container.ContainerStore;
import dev.bantubox.engine.container.Launch;
import dev.bantubox.engine.container.LaunchHook;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.RunningContainer;
import dev.bantubox.engine.host.HostDoctor;
import dev.bantubox.engine.host.HostReport;
import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.network.NetworkHook;
import dev.bantubox.engine.network.NetworkSettings;
import dev.bantubox.engine.plan.LaunchRequest;

import dev.bantubox.engine.kernel.LibC;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.kernel.OutputPipe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The entry point for the CLI, the GUI and the tests: images, containers, and running them.
 * Engine calls block; the GUI calls them from its executor, never from the FX thread.
 */
public final class Engine {
    private final EngineHome home;
    private final ImageStore images;
    private final ContainerStore containers;
    private final NetworkHook network;
    private final CgroupHook cgroups;
    private final List<LaunchHook> hooks;
    /** How long to wait for output after the command ended: a background child may keep the pipe open. */
    private static final long OUTPUT_DRAIN_SECONDS = 2;

    /** Creates an engine with the network settings of the environment (BANTUBOX_BRIDGE, BANTUBOX_SUBNET, BANTUBOX_NETNS). */
    public Engine(EngineHome home) {
        this(home, NetworkSettings.fromEnvironment());
    }

    public Engine(EngineHome home, NetworkSettings networkSettings) {
        this.home = home;
        this.images = new ImageStore(home.images());
        this.containers = new ContainerStore(home.containers());
        this.cgroups = new CgroupHook();
        this.network = new NetworkHook(home.root(), networkSettings);
        // Cgroups first: the child joins them before its network is wired, and leaves them last.
        this.hooks = List.of(cgroups, network);
    }

    /** An engine on BANTUBOX_HOME (or /var/lib/bantubox). */
    public static Engine fromEnvironment() {
        return new Engine(EngineHome.fromEnvironment());
    }

    /** Returns the container networking: bridge, address leases and published ports. */
    public NetworkHook network() {
        return network;
    }

    public EngineHome home() {
        return home;
    }

    public ImageStore images() {
        return images;
    }

    public ContainerStore containers() {
        return containers;
    }

    /**
     * Starts a container and returns once its command runs (execve succeeded). On any failure the
     * container is removed again and an EngineException says why.
     */
    public RunningContainer start(RunSpec spec, LaunchRequest.Stdio stdio) {
        Image image = images.resolve(spec.image());
        return new Launch(containers, home, spec, image, stdio, hooks).start();
    }

    /** Starts a container, waits for its command, and returns the exit code. */
    public int run(RunSpec spec, LaunchRequest.Stdio stdio) {
        return start(spec, stdio).waitForExit();
    }

    /**
     * Runs a container with /dev/null as input and its output and errors collected in one text, as a
     * lesson's output pane shows them, and waits for it to end.
     */
    public RunOutcome runAndCapture(RunSpec spec) {
        LibC libc = NativeLibraries.get().libc();
        int devNull = libc.open("/dev/null", LibC.O_RDONLY | LibC.O_CLOEXEC);
        try (OutputPipe output = OutputPipe.open()) {
            RunningContainer container;
            try {
                container = start(spec, new LaunchRequest.Stdio(devNull, output.writeFd(), output.writeFd()));
            } finally {
                output.closeWriteEnd();
            }
            int exitCode = container.waitForExit();
            String text = output.awaitText(OUTPUT_DRAIN_SECONDS, TimeUnit.SECONDS);
            return new RunOutcome(container.id(), exitCode, text, container.journal());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for the container's output", e);
        } finally {
            libc.close(devNull);
        }
    }

    /**
     * Checks what this host can and cannot do for BantuBox, one result per host check. As root it
     * also tries an overlay mount and a pivot_root() in a throwaway mount namespace below the home.
     */
    public HostReport checkHost() {
        return HostDoctor.withTrials(home).checkAll();
    }

    /** Returns how this host mounts cgroups, detected on first use. */
    public CgroupLayout cgroupLayout() {
        try {
            return cgroups.layout();
        } catch (IllegalStateException noCgroups) {
            throw new EngineException(noCgroups.getMessage(), noCgroups);
        }
    }

    /**
     * Reads a running container's cgroup figures now. Two samples give the share of a core used in
     * between ({@link CgroupUsage#cpuShareSince}).
     */
    public CgroupUsage usage(String idOrName) {
        ContainerRecord record = find(idOrName);
        try {
            return runningCgroup(record).usage();
        } catch (CgroupException unreadable) {
            throw new EngineException("cannot read the cgroup figures of container " + record.shortId() + ": "
                    + unreadable.getMessage() + " (it may have ended just now; 'bantubox ps' shows its state)",
                    unreadable);
        }
    }

    /**
     * Changes the limits of a running container. Null fields of limits stay as they are, and a memory
     * limit below what the container already uses is rejected.
     */
    public void updateLimits(String idOrName, CgroupLimits limits) {
        try {
            runningCgroup(find(idOrName)).updateLimits(limits, CgroupJournal.NONE);
        } catch (IllegalArgumentException | IllegalStateException rejected) {
            throw new EngineException(rejected.getMessage(), rejected);
        } catch (CgroupException failed) {
            throw new EngineException("cannot change the limits of container " + idOrName + ": " + failed.getMessage()
                    + " (the kernel rejected the value; a limit above the engine's own cgroup limit is one cause)",
                    failed);
        }
    }

    private ContainerCgroup runningCgroup(ContainerRecord record) {
        if (record.state != ContainerRecord.State.RUNNING) {
            throw new EngineException("container " + record.shortId() + " is " + record.status()
                    + ": only a running container has cgroups");
        }
        ContainerCgroup cgroup = cgroups.cgroupOf(record);
        if (cgroup == null) {
            throw new EngineException("container " + record.shortId() + " runs without cgroups, so it has no"
                    + " limits or usage figures; the engine's log gives the reason");
        }
        return cgroup;
    }

    /**
     * Removes an image from the store. Refused while a running container uses it: an overlay root reads
     * the image's folder as its lower layer for as long as the container runs.
     */
    public void removeImage(String name) {
        for (ContainerRecord record : containers.list()) {
            boolean alive = record.state == ContainerRecord.State.RUNNING && record.pid > 0
                    && Files.exists(Path.of("/proc/" + record.pid));
            if (alive && name.equals(record.image)) {
                throw new EngineException("image '" + name + "' is in use by running container " + record.shortId()
                        + "; stop that container first");
            }
        }
        images.remove(name);
    }

    /** Looks a container up by full id, short id prefix or name. */
    public ContainerRecord find(String idOrName) {
        ContainerRecord match = null;
        for (ContainerRecord record : containers.list()) {
            if (record.id.equals(idOrName) || idOrName.equals(record.name)) {
                return record;
            }
            if (idOrName.length() >= 3 && record.id.startsWith(idOrName)) {
                if (match != null) {
                    throw new EngineException("'" + idOrName + "' matches more than one container; give more of the id");
                }
                match = record;
            }
        }
        if (match == null) {
            throw new EngineException("no container '" + idOrName + "': 'bantubox ps -a' lists them");
        }
        return match;
    }
}
