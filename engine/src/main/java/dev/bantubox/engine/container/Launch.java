package dev.bantubox.engine.container;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.host.HostFacts;
import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.kernel.CloneFailedException;
import dev.bantubox.engine.kernel.LaunchedChild;
import dev.bantubox.engine.kernel.NativeLauncher;
import dev.bantubox.engine.kernel.StepFailedException;
import dev.bantubox.engine.plan.LaunchPlan;
import dev.bantubox.engine.plan.LaunchPlanner;
import dev.bantubox.engine.plan.LaunchRequest;
import dev.bantubox.engine.plan.RootFilesystem;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One container launch, in the order of the launch sequence: prepare the container folder and its
 * root filesystem, plan, clone, let the child go, read its journal, record the container as running.
 * Anything that fails before the command runs removes what was made.
 */
public final class Launch {
    private static final Logger LOG = Logger.getLogger(Launch.class.getName());
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final ContainerStore store;
    private final RunSpec spec;
    private final Image image;
    private final LaunchRequest.Stdio stdio;
    private final List<LaunchHook> hooks;
    private final List<JournalRecord> preparation = new ArrayList<>();

    public Launch(ContainerStore store, RunSpec spec, Image image, LaunchRequest.Stdio stdio, List<LaunchHook> hooks) {
        this.store = store;
        this.spec = spec;
        this.image = image;
        this.stdio = stdio;
        this.hooks = List.copyOf(hooks);
    }

    public RunningContainer start() {
        String id = store.newId();
        ContainerRecord record = newRecord(id);
        // Plan once with a placeholder root so bad input is rejected before anything is created.
        try {
            LaunchPlanner.plan(request(record, placeholderRoot(spec.toggles())));
        } catch (IllegalArgumentException invalid) {
            throw new EngineException(invalid.getMessage(), invalid);
        }

        Path folder = store.createFolder(id);
        record.directory = folder.toString();
        LaunchContext context = new LaunchContext(record, spec, folder);
        try {
            RootFilesystem root = prepareRoot(context);
            LaunchPlan plan = LaunchPlanner.plan(request(record, root));
            for (LaunchHook hook : hooks) {
                hook.beforeClone(context);
            }
            store.save(record);
            LaunchedChild child = new NativeLauncher().start(plan);
            startChild(context, child);
            List<JournalRecord> journal = new ArrayList<>(preparation);
            journal.addAll(child.awaitExec());
            record.state = ContainerRecord.State.RUNNING;
            record.pid = child.pid();
            store.save(record);
            return new RunningContainer(record, child, journal, exitCode -> finish(context, exitCode));
        } catch (StepFailedException failure) {
            discard(context);
            throw FailureExplainer.explain(failure, spec.command().get(0));
        } catch (CloneFailedException failure) {
            discard(context);
            String hint = failure.record().errno().equals("EPERM")
                    ? "creating namespaces needs root: run bantubox with sudo"
                    : "this kernel does not offer every namespace that is switched on; switch some off";
            throw new EngineException(failure.getMessage() + " (" + hint + ")", failure);
        } catch (RuntimeException failure) {
            discard(context);
            throw failure instanceof EngineException ? failure
                    : new EngineException("container " + id.substring(0, 12) + " could not start: " + failure.getMessage(),
                            failure);
        }
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
        record.created = Instant.now().toString();
        record.state = ContainerRecord.State.CREATED;
        return record;
    }

    private LaunchRequest request(ContainerRecord record, RootFilesystem root) {
        return new LaunchRequest(spec.toggles(), root, record.hostname, spec.command(), environment(record),
                spec.workingDirectory(), stdio, HostFacts.rootIsRamfs());
    }

    private List<String> environment(ContainerRecord record) {
        List<String> environment = new ArrayList<>();
        environment.add("PATH=" + DEFAULT_PATH);
        environment.add("HOME=/root");
        String term = System.getenv("TERM");
        environment.add("TERM=" + (term == null || term.isBlank() ? "xterm" : term));
        if (record.hostname != null) {
            environment.add("HOSTNAME=" + record.hostname);
        }
        for (String entry : spec.environment()) {
            String key = entry.substring(0, Math.max(0, entry.indexOf('=')) + 1);
            environment.removeIf(existing -> !key.equals("=") && existing.startsWith(key));
            environment.add(entry);
        }
        return environment;
    }

    private static RootFilesystem placeholderRoot(ToggleSet toggles) {
        Path placeholder = Path.of("/nonexistent");
        if (toggles.has(Toggle.OVERLAY)) {
            return new RootFilesystem.Overlay(placeholder, placeholder, placeholder, placeholder);
        }
        return toggles.changesRoot() ? new RootFilesystem.Copy(placeholder) : new RootFilesystem.HostRoot();
    }

    /** Makes the overlay's upper, work and merged folders, or copies the whole image, and journals it. */
    private RootFilesystem prepareRoot(LaunchContext context) {
        Path folder = context.folder();
        ToggleSet toggles = spec.toggles();
        long start = System.nanoTime();
        try {
            if (toggles.has(Toggle.OVERLAY)) {
                RootFilesystem.Overlay overlay = new RootFilesystem.Overlay(image.rootfs(), folder.resolve("upper"),
                        folder.resolve("work"), folder.resolve("merged"));
                Files.createDirectory(overlay.upper());
                Files.createDirectory(overlay.work());
                Files.createDirectory(overlay.merged());
                journalPreparation("mkdir(\"upper\", \"work\", \"merged\") in " + folder, start);
                context.record().rootfsKind = "overlay";
                addFiles(overlay.upper());
                return overlay;
            }
            if (toggles.changesRoot()) {
                Path copy = folder.resolve("rootfs");
                copyTree(image.rootfs(), copy);
                journalPreparation("copy(\"" + image.rootfs() + "\", \"" + copy + "\")", start);
                context.record().rootfsKind = "copy";
                addFiles(copy);
                return new RootFilesystem.Copy(copy);
            }
            if (!spec.addedFiles().isEmpty()) {
                throw new EngineException("files can be added only to an image's root filesystem, and this container"
                        + " runs on the host's root: switch CHROOT or PIVOT_ROOT on");
            }
            context.record().rootfsKind = "host";
            return new RootFilesystem.HostRoot();
        } catch (IOException e) {
            throw new EngineException("cannot prepare the root filesystem in " + folder + ": " + e.getMessage(), e);
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

    private void finish(LaunchContext context, int exitCode) {
        undoHooks(context);
        ContainerRecord record = context.record();
        if (spec.removeOnExit()) {
            store.delete(record.id);
            return;
        }
        record.state = ContainerRecord.State.EXITED;
        record.exitCode = exitCode;
        record.finished = Instant.now().toString();
        store.save(record);
    }

    /** Removes a container whose launch failed, with everything its hooks made. */
    private void discard(LaunchContext context) {
        undoHooks(context);
        store.delete(context.record().id);
    }

    private void undoHooks(LaunchContext context) {
        for (int i = hooks.size() - 1; i >= 0; i--) {
            try {
                hooks.get(i).afterExit(context);
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "container " + context.record().shortId() + ": clean-up by "
                        + hooks.get(i).getClass().getSimpleName() + " failed: " + failure.getMessage(), failure);
            }
        }
    }
}
