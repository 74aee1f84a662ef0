package dev.bantubox.engine.container;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.host.MountInfo;
import dev.bantubox.engine.host.ProcessIdentity;
import dev.bantubox.engine.kernel.Errno;
import dev.bantubox.engine.kernel.ExitStatus;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.plan.MountFlags;
import dev.bantubox.engine.util.FileLocks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the container records in line with the kernel. A record contains what the engine last wrote,
 * but the truth is whether the container's first process and its shim still run (the same processes, not newer
 * ones with a reused pid) and whether the shim wrote an exit status. Every engine process calls this
 * before it reports on containers, so an engine that was killed loses nothing: the next one finds the
 * exit status, records it, undoes the launch hooks, and removes --rm containers and leftover mounts.
 */
public final class StateReconciler {
    private static final Logger LOG = Logger.getLogger(StateReconciler.class.getName());
    private static final long POLL_MILLIS = 20;

    private final ContainerStore store;
    private final List<LaunchHook> hooks;

    public StateReconciler(ContainerStore store, List<LaunchHook> hooks) {
        this.store = store;
        this.hooks = List.copyOf(hooks);
    }

    /**
     * Checks one container against the kernel, records an exit that happened meanwhile, and returns the
     * current record. Returns empty when the container is gone: removed, or started with --rm and ended.
     */
    public Optional<ContainerRecord> refresh(String id) {
        try (FileLocks.Held ignored = store.lock()) {
            Optional<ContainerRecord> loaded = store.load(id);
            if (loaded.isEmpty() || loaded.get().state == ContainerRecord.State.EXITED) {
                return loaded;
            }
            return reconcile(loaded.get());
        }
    }

    /** Refreshes every container and removes leftover mounts; returns the records that remain, oldest first. */
    public List<ContainerRecord> refreshAll() {
        List<ContainerRecord> current = new ArrayList<>();
        for (ContainerRecord record : store.list()) {
            try {
                refresh(record.id).ifPresent(current::add);
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "container " + record.shortId() + ": cannot check its state: "
                        + failure.getMessage(), failure);
                current.add(record);
            }
        }
        removeLeftoverMounts();
        return current;
    }

    /**
     * Unmounts what is still mounted in the engine's mount namespace below the folder of a container that
     * no longer runs, or that has no record. Container mounts normally live only in the container's own
     * mount namespace and vanish with it. So anything left here below containers/ was made by the engine
     * for a container and outlived it. Mounts elsewhere are never touched.
     */
    public void removeLeftoverMounts() {
        if (!Files.isDirectory(store.directory())) {
            return;
        }
        String prefix = store.directory().toString() + "/";
        try (FileLocks.Held ignored = store.lock()) {
            List<MountInfo> leftovers = new ArrayList<>();
            for (MountInfo mount : MountInfo.readSelf()) {
                if (!mount.mountPoint().startsWith(prefix)) {
                    continue;
                }
                String id = mount.mountPoint().substring(prefix.length()).split("/", 2)[0];
                Optional<ContainerRecord> record = store.load(id);
                boolean inUse = record.isPresent() && record.get().state != ContainerRecord.State.EXITED
                        && (record.get().isRunning() || isLaunching(record.get()));
                if (!inUse) {
                    leftovers.add(mount);
                }
            }
            unmountDeepestFirst(leftovers);
        }
    }

    /**
     * Records the container's end after its shim (a child of this engine) has been reaped and returns the
     * exit code. When the shim ended without writing an exit status (it was killed), waits until the
     * container's first process has ended too, and returns 125 for an unknown exit code.
     */
    int recordExit(ContainerRecord launched) {
        Path folder = store.folderOf(launched.id);
        Optional<ExitStatus> status = ExitStatus.read(folder);
        if (status.isEmpty()) {
            ProcessIdentity process = launched.process();
            while (process != null && process.isAlive()) {
                sleep(POLL_MILLIS);
            }
        }
        refresh(launched.id);
        if (status.isPresent()) {
            return status.get().exitCode();
        }
        LOG.warning("container " + launched.shortId() + ": bantubox-shim ended without recording the exit status;"
                + " the exit code is unknown");
        return EngineException.ENGINE_ERROR;
    }

    /** Removes the container: undoes its hooks if that has not happened, unmounts leftovers, deletes its folder. */
    void remove(String id) {
        try (FileLocks.Held ignored = store.lock()) {
            Optional<ContainerRecord> record = store.load(id);
            if (record.isPresent() && record.get().state != ContainerRecord.State.EXITED) {
                undoHooks(record.get());
            }
            deleteFolder(id);
        }
    }

    /** Runs every hook's afterExit for the container, last hook first; failures are logged, not thrown. */
    void undoHooks(LaunchContext context) {
        for (int i = hooks.size() - 1; i >= 0; i--) {
            try {
                hooks.get(i).afterExit(context);
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "container " + context.record().shortId() + ": clean-up by "
                        + hooks.get(i).getClass().getSimpleName() + " failed: " + failure.getMessage(), failure);
            }
        }
    }

    /** Unmounts what is left below the container's folder in this mount namespace, then deletes the folder. */
    void deleteFolder(String id) {
        String folder = store.folderOf(id).toString();
        List<MountInfo> below = new ArrayList<>();
        for (MountInfo mount : MountInfo.readSelf()) {
            if (mount.mountPoint().equals(folder) || mount.mountPoint().startsWith(folder + "/")) {
                below.add(mount);
            }
        }
        unmountDeepestFirst(below);
        store.delete(id);
    }

    private Optional<ContainerRecord> reconcile(ContainerRecord record) {
        if (record.state == ContainerRecord.State.CREATED && isLaunching(record)) {
            return Optional.of(record);
        }
        // The shim writes the exit status before it ends, so liveness is read first: a shim found dead
        // has written every status it ever will.
        ProcessIdentity shim = record.shim();
        boolean shimAlive = shim != null && shim.isAlive();
        Optional<ExitStatus> status = ExitStatus.read(store.folderOf(record.id));
        if (status.isPresent()) {
            return settle(record, status.get(), null);
        }
        ProcessIdentity process = record.process();
        if (shimAlive || process != null && process.isAlive()) {
            if (record.state == ContainerRecord.State.CREATED) {
                // Its engine died after clone(). The child either runs the command, or it read end-of-file
                // on the sync pipe and is ending, which the next check records.
                record.state = ContainerRecord.State.RUNNING;
                store.save(record);
            }
            return Optional.of(record);
        }
        String note = record.state == ContainerRecord.State.CREATED && shim == null
                ? "the engine ended before the container's process was started"
                : "bantubox-shim ended before it could record the exit status";
        return settle(record, null, note);
    }

    /** True while the engine that is launching this container still runs (the launch is in progress). */
    private static boolean isLaunching(ContainerRecord record) {
        ProcessIdentity launcher = record.launcher();
        return record.state == ContainerRecord.State.CREATED && launcher != null && launcher.isAlive();
    }

    /** Marks the container exited, undoes its hooks, and removes it when it was started with --rm. */
    private Optional<ContainerRecord> settle(ContainerRecord record, ExitStatus status, String unknownReason) {
        record.state = ContainerRecord.State.EXITED;
        if (status != null) {
            record.exitCode = status.exitCode();
            record.exitSignal = status.signal() != 0 ? status.signal() : null;
            record.finished = status.finished().toString();
        } else {
            record.exitNote = unknownReason;
            record.finished = Instant.now().toString();
        }
        // The hooks' clean-up adds to the record (the OOM kill count), so it runs before the record is saved.
        undoHooks(record);
        LOG.fine(() -> "container " + record.shortId() + " " + record.status());
        if (record.removeOnExit) {
            deleteFolder(record.id);
            return Optional.empty();
        }
        store.save(record);
        return Optional.of(record);
    }

    private void undoHooks(ContainerRecord record) {
        undoHooks(new LaunchContext(record, RunSpec.fromRecord(record), store.folderOf(record.id)));
    }

    private static void unmountDeepestFirst(List<MountInfo> mounts) {
        mounts.sort(Comparator.comparing((MountInfo mount) -> mount.mountPoint().length()).reversed());
        NativeLibraries libraries = NativeLibraries.get();
        for (MountInfo mount : mounts) {
            // MNT_DETACH: a process of the ended container may still hold a file open below it.
            if (libraries.libc().umount2(mount.mountPoint(), (int) MountFlags.MNT_DETACH) != 0) {
                LOG.warning("cannot unmount the leftover " + mount.type() + " at " + mount.mountPoint() + ": "
                        + Errno.name(libraries.lastErrno()) + "; unmount it by hand with umount -l");
            } else {
                LOG.info("unmounted the leftover " + mount.type() + " at " + mount.mountPoint());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a container to end", e);
        }
    }
}
