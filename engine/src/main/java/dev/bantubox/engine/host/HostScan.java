package dev.bantubox.engine.host;

import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.util.TreeRemover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The state the checks of one doctor run share: the mount table, the engine's uid, the location of
 * BANTUBOX_HOME, and a scratch folder below it for the trial mounts. {@link #close()} removes the scratch folder,
 * and the home too when this scan made it and it is still empty.
 */
final class HostScan implements AutoCloseable {
    private final EngineHome home;
    private final List<MountInfo> mounts;
    private final int euid;
    private final boolean trialsAllowed;
    private Path trialFolder;
    /** The highest folder of the home's path that this scan created, or null when it created none. */
    private Path createdTop;

    HostScan(EngineHome home, List<MountInfo> mounts, int euid, boolean trialsAllowed) {
        this.home = home;
        this.mounts = List.copyOf(mounts);
        this.euid = euid;
        this.trialsAllowed = trialsAllowed;
    }

    EngineHome home() {
        return home;
    }

    List<MountInfo> mounts() {
        return mounts;
    }

    int euid() {
        return euid;
    }

    /** True when trial launches may run: they were not switched off and the engine runs as root. */
    boolean runsTrials() {
        return trialsAllowed && euid == 0;
    }

    /** True when trials were switched off for this scan, as when a failed launch is being explained. */
    boolean trialsSwitchedOff() {
        return !trialsAllowed;
    }

    /**
     * The folder that is or will be BANTUBOX_HOME, with symlinks resolved: the home itself when it
     * exists, else its nearest existing parent, whose file system a new home would be created on.
     */
    Path existingHomeOrParent() {
        Path path = home.root();
        while (path != null && !Files.exists(path)) {
            path = path.getParent();
        }
        if (path == null) {
            return Path.of("/");
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    /** Returns the mount that contains BANTUBOX_HOME, or the folder a new home would be created in. */
    Optional<MountInfo> homeMount() {
        return mountContaining(mounts, existingHomeOrParent());
    }

    /** Returns the mount on top at "/", or empty in a chroot, where mountinfo lists no mount at "/". */
    Optional<MountInfo> rootMount() {
        MountInfo top = null;
        for (MountInfo mount : mounts) {
            if (mount.mountPoint().equals("/")) {
                top = mount;
            }
        }
        return Optional.ofNullable(top);
    }

    /**
     * Returns a scratch folder below BANTUBOX_HOME for trial mounts, made on first use (the home too,
     * when it does not exist yet). Only scans that run trials make one, so only as root.
     */
    Path trialFolder() {
        if (!runsTrials()) {
            throw new IllegalStateException("trial folders are only made for scans that run trials as root");
        }
        if (trialFolder == null) {
            try {
                for (Path missing = home.root(); missing != null && !Files.exists(missing); missing = missing.getParent()) {
                    createdTop = missing;
                }
                Files.createDirectories(home.root());
                trialFolder = Files.createTempDirectory(home.root(), ".host-check-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a folder for trial mounts in " + home.root()
                        + ": " + e.getMessage(), e);
            }
        }
        return trialFolder;
    }

    /**
     * Returns the mount that contains path: the one with the longest mount point that is path or one
     * of its parents, and of several at the same point the last listed, which is the one on top.
     */
    static Optional<MountInfo> mountContaining(List<MountInfo> mounts, Path path) {
        String target = path.toString();
        MountInfo best = null;
        for (MountInfo mount : mounts) {
            String point = mount.mountPoint();
            boolean holds = point.equals("/") || target.equals(point) || target.startsWith(point + "/");
            if (holds && (best == null || point.length() >= best.mountPoint().length())) {
                best = mount;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public void close() {
        if (trialFolder != null) {
            TreeRemover.remove(trialFolder);
            trialFolder = null;
        }
        if (createdTop != null) {
            removeCreatedFolders();
            createdTop = null;
        }
    }

    /** Removes the empty folders this scan made for the home, from the home up to the highest one. */
    private void removeCreatedFolders() {
        for (Path folder = home.root(); folder != null; folder = folder.getParent()) {
            try {
                Files.delete(folder);
            } catch (IOException e) {
                // Not empty any more (a run started meanwhile) or already gone: leave it.
                return;
            }
            if (folder.equals(createdTop)) {
                return;
            }
        }
    }
}
