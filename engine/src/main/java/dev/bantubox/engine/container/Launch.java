package dev.bantubox.engine.container;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.host.HostDoctor;
import dev.bantubox.engine.host.HostFacts;
import dev.bantubox.engine.host.ProcessIdentity;
import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.kernel.CloneFailedException;
import dev.bantubox.engine.kernel.LaunchedChild;
import dev.bantubox.engine.kernel.Errno;
import dev.bantubox.engine.kernel.ExitStatus;
import dev.bantubox.engine.kernel.LibC;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.kernel.ShimLauncher;
import dev.bantubox.engine.kernel.StepFailedException;
import dev.bantubox.engine.plan.LaunchPlan;
import dev.bantubox.engine.plan.LaunchPlanner;
import dev.bantubox.engine.plan.LaunchRequest;
import dev.bantubox.engine.plan.RootFilesystem;
import dev.bantubox.engine.plan.Step;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.engine.util.FileLocks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One container launch, in the order of the launch sequence: prepare the container folder and its
 * root filesystem, plan, start the shim that clones the child, let the child go, read its journal,
 * record the container as running. Anything that fails before the command runs removes what was made.
 */
public final class Launch {
    private static final Logger LOG = Logger.getLogger(Launch.class.getName());
    private static final int SIGKILL = 9;

    private final ContainerStore store;
    private final EngineHome home;
    private final StateReconciler states;
    private final RunSpec spec;
    private final Image image;
    private final LaunchRequest.Stdio stdio;
    private final boolean detached;
    private final List<LaunchHook> hooks;
    /** The exited container this launch starts again in its own folder, or null for a new container. */
    private final ContainerRecord previous;
    private final List<JournalRecord> preparation = new ArrayList<>();

    /**
     * A launch whose container uses stdio, or, when detached, reads /dev/null and writes its output and
     * errors to a log file in its folder, in a session of its own.
     */
    public Launch(ContainerStore store, EngineHome home, StateReconciler states, RunSpec spec, Image image,
                  LaunchRequest.Stdio stdio, boolean detached, List<LaunchHook> hooks) {
        this(store, home, states, spec, image, stdio, detached, hooks, null);
    }

    private Launch(ContainerStore store, EngineHome home, StateReconciler states, RunSpec spec, Image image,
                   LaunchRequest.Stdio stdio, boolean detached, List<LaunchHook> hooks, ContainerRecord previous) {
        this.store = store;
        this.home = home;
        this.states = states;
        this.spec = spec;
        this.image = image;
        this.stdio = stdio;
        this.detached = detached;
        this.hooks = List.copyOf(hooks);
        this.previous = previous;
    }

    /**
     * A launch that starts the exited container of record again, in the background: same id, name and
     * folder, and the root filesystem it left (an overlay's upper layer, or its copy of the image).
     */
    public static Launch restart(ContainerStore store, EngineHome home, StateReconciler states, ContainerRecord record,
                                 Image image, List<LaunchHook> hooks) {
        RunSpec spec;
        try {
            spec = RunSpec.forRestart(record);
        } catch (IllegalArgumentException unreadable) {
            throw new EngineException("container " + record.shortId() + " cannot restart, because its record is"
                    + " invalid (" + unreadable.getMessage() + "); remove it and start a new container", unreadable);
        }
        return new Launch(store, home, states, spec, image, LaunchRequest.Stdio.inherit(), true, hooks, record);
    }

    public RunningContainer start() {
        String id = previous != null ? previous.id : store.newId();
        ContainerRecord record = newRecord(id);
        if (previous != null) {
            record.created = previous.created;
        }
        // Plan once with a placeholder root so bad input is rejected before anything is created.
        try {
            LaunchPlanner.plan(request(record, placeholderRoot(spec.toggles()), List.of()));
        } catch (IllegalArgumentException invalid) {
            throw new EngineException(invalid.getMessage(), invalid);
        }

        Path folder = previous != null ? reclaimFolder(record) : claimFolder(record);
        RootFilesystem root = rootLayout(folder);
        LaunchContext context = new LaunchContext(record, spec, folder, root);
        LaunchedChild child = null;
        try {
            prepareRoot(root, folder);
            record.rootfsKind = rootfsKind(root);
            for (LaunchHook hook : hooks) {
                hook.beforeClone(context);
            }
            List<Step> joinSteps = new ArrayList<>();
            for (LaunchHook hook : hooks) {
                joinSteps.addAll(hook.childSteps(context));
            }
            LaunchPlan plan = LaunchPlanner.plan(request(record, root, joinSteps));
            // The record reaches the disk again once the shim runs, with what the hooks made and the pids.
            child = startShim(plan, folder, record);
            record.pid = child.pid();
            record.pidStartTime = startTimeOf(child.pid());
            record.shimPid = child.shimPid();
            record.shimStartTime = startTimeOf(child.shimPid());
            store.save(record);
            startChild(context, child);
            List<JournalRecord> journal = new ArrayList<>(preparation);
            journal.addAll(child.awaitExec());
            record.state = ContainerRecord.State.RUNNING;
            record.started = Instant.now().toString();
            store.save(record);
            return new RunningContainer(record, child, journal, () -> states.recordExit(record));
        } catch (StepFailedException failure) {
            discard(context, child);
            throw FailureExplainer.explain(failure, spec.command().get(0), HostDoctor.readOnly(home));
        } catch (CloneFailedException failure) {
            discard(context, child);
            throw FailureExplainer.explain(failure, HostDoctor.readOnly(home));
        } catch (RuntimeException failure) {
            discard(context, child);
            throw failure instanceof EngineException ? failure
                    : new EngineException("container " + id.substring(0, 12) + " could not start: " + failure.getMessage(),
                            failure);
        }
    }

    /** Checks that the name is free and creates the folder with the first record, under the store's lock. */
    private Path claimFolder(ContainerRecord record) {
        try (FileLocks.Held ignored = store.lock()) {
            if (record.name != null) {
                for (ContainerRecord existing : store.list()) {
                    if (record.name.equals(existing.name)) {
                        throw new EngineException("the name '" + record.name + "' is already used by container "
                                + existing.shortId() + ": remove it with 'bantubox rm " + record.name
                                + "' or choose another name");
                    }
                }
            }
            Path folder = store.createFolder(record.id);
            record.directory = folder.toString();
            store.save(record);
            return folder;
        }
    }

    /**
     * Takes the folder of the exited container back for its restart, under the store's lock. The old
     * exit status is deleted, so that no engine reads it as the end of the new run.
     */
    private Path reclaimFolder(ContainerRecord record) {
        try (FileLocks.Held ignored = store.lock()) {
            ContainerRecord current = store.load(record.id).orElseThrow(() -> new EngineException("container "
                    + record.shortId() + " was removed meanwhile, so it cannot restart"));
            if (current.state != ContainerRecord.State.EXITED) {
                throw new EngineException("container " + record.shortId() + " is " + current.status()
                        + ": only an exited container can start again");
            }
            Path folder = store.folderOf(record.id);
            Files.deleteIfExists(folder.resolve(ExitStatus.FILE_NAME));
            record.directory = folder.toString();
            store.save(record);
            return folder;
        } catch (IOException e) {
            throw new EngineException("cannot delete the old exit status of container " + record.shortId() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Starts the shim with the container's standard descriptors: the caller's, or /dev/null and the log. */
    private LaunchedChild startShim(LaunchPlan plan, Path folder, ContainerRecord record) throws CloneFailedException {
        if (!detached) {
            return new ShimLauncher().start(plan, folder, stdio, false);
        }
        Path log = store.logFileOf(record.id);
        LibC libc = NativeLibraries.get().libc();
        int input = -1;
        int output = -1;
        try {
            if (!Files.exists(log)) {
                // A restarted container appends to the log of its earlier runs.
                Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
            }
            record.logFile = log.toString();
            store.save(record);
            input = libc.open("/dev/null", LibC.O_RDONLY | LibC.O_CLOEXEC);
            output = libc.open(log.toString(), LibC.O_WRONLY | LibC.O_APPEND | LibC.O_CLOEXEC);
            if (input < 0 || output < 0) {
                throw new EngineException("cannot open " + (input < 0 ? "/dev/null" : log.toString()) + ": "
                        + Errno.name(NativeLibraries.get().lastErrno()));
            }
            return new ShimLauncher().start(plan, folder, new LaunchRequest.Stdio(input, output, output), true);
        } catch (IOException e) {
            throw new EngineException("cannot create the log file " + log + ": " + e.getMessage(), e);
        } finally {
            // The shim has its own copies now; the engine keeps none.
            if (input >= 0) {
                libc.close(input);
            }
            if (output >= 0) {
                libc.close(output);
            }
        }
    }

    /** Records a container whose restart failed as exited again, keeping its folder and writable layer. */
    private void keepAsExited(ContainerRecord record) {
        try (FileLocks.Held ignored = store.lock()) {
            record.state = ContainerRecord.State.EXITED;
            record.exitNote = "the restart failed before the command ran";
            record.finished = Instant.now().toString();
            store.save(record);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "container " + record.shortId() + ": cannot record the failed restart: "
                    + failure.getMessage(), failure);
        }
    }

    private static long startTimeOf(int pid) {
        return ProcessIdentity.of(pid).map(ProcessIdentity::startTime).orElse(0L);
    }

    private static String rootfsKind(RootFilesystem root) {
        if (root instanceof RootFilesystem.Overlay) {
            return "overlay";
        }
        return root instanceof RootFilesystem.Copy ? "copy" : "host";
    }

    private ContainerRecord newRecord(String id) {
        ContainerRecord record = new ContainerRecord();
        record.id = id;
        record.name = spec.name();
        record.image = image.name();
        record.command = spec.command();
        record.toggles = spec.toggles().enabled().stream().map(Toggle::name).toList();
        record.hostname = spec.toggles().has(Toggle.UTS_NS)
                ? (spec.hostname() != null ? spec.hostname() : record.shortId()) : null;
        record.environment = spec.environment();
        record.workingDirectory = spec.workingDirectory();
        record.removeOnExit = spec.removeOnExit();
        record.init = spec.init();
        record.limits = spec.limits().isEmpty() ? null : spec.limits();
        record.detached = detached;
        record.created = Instant.now().toString();
        record.state = ContainerRecord.State.CREATED;
        ProcessIdentity launcher = ProcessIdentity.self();
        record.launcherPid = launcher.pid();
        record.launcherStartTime = launcher.startTime();
        String nameProblem = record.name == null ? null : ContainerName.problem(record.name);
        if (nameProblem != null) {
            throw new EngineException(nameProblem);
        }
        return record;
    }

    /** The shim passes its own 0, 1 and 2 to the child, so the plan itself changes no descriptor. */
    private LaunchRequest request(ContainerRecord record, RootFilesystem root, List<Step> joinSteps) {
        Path init = spec.init() ? NativeLibraries.get().initProgram() : null;
        // The record keeps no hostname without UTS_NS, so a given one goes to the planner, which rejects it then.
        String hostname = spec.hostname() != null ? spec.hostname() : record.hostname;
        return new LaunchRequest(spec.toggles(), root, hostname, spec.command(),
                ContainerEnvironment.of(record, List.of()), spec.workingDirectory(), LaunchRequest.Stdio.inherit(),
                HostFacts.rootIsRamfs(), init, joinSteps);
    }

    private static RootFilesystem placeholderRoot(ToggleSet toggles) {
        Path placeholder = Path.of("/nonexistent");
        if (toggles.has(Toggle.OVERLAY)) {
            return new RootFilesystem.Overlay(placeholder, placeholder, placeholder, placeholder);
        }
        return toggles.changesRoot() ? new RootFilesystem.Copy(placeholder) : new RootFilesystem.HostRoot();
    }

    /** Where the root filesystem will be, as the toggles ask; nothing is made yet. */
    private RootFilesystem rootLayout(Path folder) {
        ToggleSet toggles = spec.toggles();
        if (toggles.has(Toggle.OVERLAY)) {
            return new RootFilesystem.Overlay(image.rootfs(), folder.resolve("upper"), folder.resolve("work"),
                    folder.resolve("merged"));
        }
        return toggles.changesRoot() ? new RootFilesystem.Copy(folder.resolve("rootfs")) : new RootFilesystem.HostRoot();
    }

    /** Makes the overlay's upper, work and merged folders, or copies the whole image, and journals it. */
    private void prepareRoot(RootFilesystem root, Path folder) {
        if (previous != null) {
            reuseRoot(root, folder);
            return;
        }
        long start = System.nanoTime();
        try {
            if (root instanceof RootFilesystem.Overlay overlay) {
                Files.createDirectory(overlay.upper());
                Files.createDirectory(overlay.work());
                Files.createDirectory(overlay.merged());
                journalPreparation("mkdir(\"upper\", \"work\", \"merged\") in " + folder, start);
                addFiles(overlay.upper());
            } else if (root instanceof RootFilesystem.Copy copy) {
                copyTree(image.rootfs(), copy.directory());
                journalPreparation("copy(\"" + image.rootfs() + "\", \"" + copy.directory() + "\")", start);
                addFiles(copy.directory());
            } else if (!spec.addedFiles().isEmpty()) {
                throw new EngineException("files can be added only to an image's root filesystem, and this container"
                        + " runs on the host's root: switch CHROOT or PIVOT_ROOT on");
            }
        } catch (IOException e) {
            throw new EngineException("cannot prepare the root filesystem in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks that a restarted container's root filesystem is still there: the overlay's upper and work
     * folders (merged stays as the mount point), or the copy. They are used as they are, so the files
     * the earlier run wrote are still in them.
     */
    private void reuseRoot(RootFilesystem root, Path folder) {
        List<Path> needed = new ArrayList<>();
        if (root instanceof RootFilesystem.Overlay overlay) {
            needed.addAll(List.of(overlay.upper(), overlay.work(), overlay.merged()));
        } else if (root instanceof RootFilesystem.Copy copy) {
            needed.add(copy.directory());
        }
        for (Path path : needed) {
            if (!Files.isDirectory(path)) {
                throw new EngineException("container " + previous.shortId() + " cannot restart: " + path + " is missing, so its files are gone; remove it and start a"
                        + " new container");
            }
        }
    }

    /**
     * Copies the spec's added files below root, the overlay's upper layer or the image copy. Into an
     * overlay they go to the upper layer, where the container sees them as its own changes.
     */
    private void addFiles(Path root) throws IOException {
        for (RunSpec.AddedFile file : spec.addedFiles()) {
            long start = System.nanoTime();
            Path target = root.resolve(file.containerPath().substring(1)).normalize();
            // An image's absolute symlink (usr/local -> /opt) would point at the host's folder here,
            // outside the container; copying through it would write on the host.
            for (Path part = target.getParent(); part.startsWith(root) && !part.equals(root); part = part.getParent()) {
                if (Files.isSymbolicLink(part)) {
                    throw new EngineException("cannot add " + file.containerPath() + ": " + root.relativize(part)
                            + " is a symbolic link in the image; choose a path below real folders");
                }
            }
            Files.createDirectories(target.getParent());
            Files.copy(file.source(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            journalPreparation("copy(\"" + file.source() + "\", \"" + target + "\")", start);
        }
    }

    private void journalPreparation(String call, long start) {
        preparation.add(new JournalRecord(JournalRecord.Side.ENGINE, -1, call, 0, "0", start, System.nanoTime() - start));
    }

    /** Copies with cp -a, which keeps modes, owners, symlinks and device nodes as they are. */
    private static void copyTree(Path from, Path to) throws IOException {
        Process copy = new ProcessBuilder("cp", "-a", "--reflink=auto", from.toString(), to.toString())
                .redirectErrorStream(true).start();
        copy.getOutputStream().close();
        String output = new String(copy.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!copy.waitFor(10, TimeUnit.MINUTES) || copy.exitValue() != 0) {
                throw new IOException("cp -a failed: " + output);
            }
        } catch (InterruptedException e) {
            copy.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying the image", e);
        }
    }

    /** Runs every hook's parent-side work, then lets the child go; a failing hook stops the child. */
    private void startChild(LaunchContext context, LaunchedChild child) {
        try {
            for (LaunchHook hook : hooks) {
                hook.beforeGo(context, child);
            }
        } catch (RuntimeException failure) {
            child.abort();
            throw failure;
        }
        child.go();
    }

    /**
     * Removes a container whose launch failed, with everything its hooks made. A shim that cloned a child
     * is waited for first: it writes the exit status into the folder as it ends.
     */
    private void discard(LaunchContext context, LaunchedChild child) {
        if (child != null) {
            ContainerRecord record = context.record();
            ProcessIdentity process = record.process();
            if (process != null && process.isAlive()) {
                // Also a child that already runs its command, when recording that failed afterwards.
                child.signal(SIGKILL);
            }
            child.abort();
        }
        states.undoHooks(context);
        if (previous != null) {
            keepAsExited(context.record());
            return;
        }
        try (FileLocks.Held ignored = store.lock()) {
            states.deleteFolder(context.record().id);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "container " + context.record().shortId() + ": cannot remove the folder of the"
                    + " failed launch: " + failure.getMessage(), failure);
        }
    }
}
