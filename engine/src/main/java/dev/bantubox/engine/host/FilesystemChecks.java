package dev.bantubox.engine.host;

import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.kernel.CloneFailedException;
import dev.bantubox.engine.plan.MountFlags;
import dev.bantubox.engine.plan.Step;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks of the file systems a container is built from: overlayfs, the file system that contains
 * BANTUBOX_HOME, mount propagation, pivot_root, and free space.
 */
final class FilesystemChecks {
    /** The fix of every result that finds BANTUBOX_HOME on a file system containers cannot use. */
    static final String MOVE_HOME = "set BANTUBOX_HOME to a folder on ext4, xfs or tmpfs";

    /** Below this, even the busybox image and a few containers may not fit. */
    static final long FAIL_BELOW_BYTES = 100L << 20;
    /**
     * Below this, larger images and full copies of an image (the lesson without overlay) may not fit.
     * An estimate: a debootstrap Debian takes a few hundred MB, and each copy as much again.
     */
    static final long WARN_BELOW_BYTES = 1L << 30;

    /** File systems that cannot hold an image: no symlinks, owners or device nodes. */
    private static final Set<String> NOT_UNIX_LIKE = Set.of("vfat", "msdos", "exfat", "ntfs", "ntfs3", "fuseblk");
    /** File systems that the overlayfs documentation names unsuitable as an upper layer. */
    private static final Set<String> NOT_OVERLAY_UPPER = Set.of("nfs", "nfs4");

    private FilesystemChecks() {
    }

    static CheckResult homeFilesystem(HostScan scan) {
        HostCheck check = HostCheck.HOME_FILESYSTEM;
        String home = "BANTUBOX_HOME (" + scan.home().root() + ")";
        Optional<MountInfo> mount = scan.homeMount();
        if (mount.isEmpty()) {
            return CheckResult.warning(check, "no mount in /proc/self/mountinfo contains " + home
                    + ", so its file system is unknown", MOVE_HOME + " that this process can see");
        }
        String type = mount.get().type();
        if (type.equals("overlay")) {
            return CheckResult.fail(check, home + " is on overlayfs, which cannot be the upper layer of another"
                    + " overlay", MOVE_HOME);
        }
        if (NOT_UNIX_LIKE.contains(type)) {
            return CheckResult.fail(check, home + " is on " + type + ", which cannot hold the symlinks, owners"
                    + " and device nodes of an image", MOVE_HOME);
        }
        if (NOT_OVERLAY_UPPER.contains(type)) {
            return CheckResult.fail(check, home + " is on " + type + ", which overlayfs cannot use as its upper"
                    + " layer", MOVE_HOME);
        }

        Path probed = scan.existingHomeOrParent();
        if (scan.runsTrials()) {
            // Making the trial folder also proves that the engine can write below the home, and gives the
            // d_type probe an entry to read.
            try {
                probed = scan.trialFolder().getParent();
            } catch (UncheckedIOException e) {
                String reason = e.getCause() instanceof FileSystemException failed && failed.getReason() != null
                        ? failed.getReason() : e.getCause().getMessage();
                return CheckResult.fail(check, home + " cannot be written (" + reason + ")",
                        "make it writable for root, or " + MOVE_HOME);
            }
        }
        Optional<Boolean> dType = DirectoryEntryTypes.reportsTypes(probed);
        String on = home + " is on " + type + " (" + mount.get().source() + ")";
        if (dType.isEmpty()) {
            return CheckResult.ok(check, on + "; whether it fills in d_type is unknown, because " + probed
                    + " has no entry to read");
        }
        if (!dType.get()) {
            return CheckResult.fail(check, on + ", which leaves d_type empty, so overlayfs cannot tell deleted"
                    + " files from present ones", "set BANTUBOX_HOME to a folder on ext4, tmpfs, or xfs made"
                    + " with ftype=1");
        }
        return CheckResult.ok(check, on + ", which fills in d_type as overlayfs needs");
    }

    static CheckResult overlay(HostScan scan) {
        HostCheck check = HostCheck.OVERLAY;
        boolean listed = kernelLists("overlay");
        String home = scan.home().root().toString();
        if (home.indexOf(',') >= 0 || home.indexOf(':') >= 0) {
            return CheckResult.fail(check, "the path of BANTUBOX_HOME (" + home + ") contains ',' or ':', which"
                    + " overlayfs reads as separators in its mount options", "set BANTUBOX_HOME to a path without them");
        }
        if (!scan.runsTrials()) {
            if (listed) {
                String untried = scan.trialsSwitchedOff() ? "overlay is in /proc/filesystems"
                        : "overlay is in /proc/filesystems, but the trial mount needs root and did not run";
                return scan.trialsSwitchedOff() ? CheckResult.ok(check, untried)
                        : CheckResult.warning(check, untried, "run bantubox doctor with sudo");
            }
            String load = "load it with 'sudo modprobe overlay', or run containers with --no-overlay";
            if (scan.trialsSwitchedOff()) {
                // Read-only doctors explain a launch whose overlay mount has just failed, and that mount would
                // have loaded the module if there was one.
                return CheckResult.fail(check, "overlay is not in /proc/filesystems, so this kernel has no overlay"
                        + " file system loaded", load);
            }
            return CheckResult.warning(check, "overlay is not in /proc/filesystems; it may be a module that loads"
                    + " on first mount", load);
        }

        Optional<Path> trialFolder = trialFolderOf(scan);
        if (trialFolder.isEmpty()) {
            return homeNotWritable(check, "overlay mount");
        }
        Path folder = trialFolder.get().resolve("overlay");
        Path merged = folder.resolve("merged");
        String data;
        try {
            Path lower = Files.createDirectories(folder.resolve("lower"));
            Files.writeString(lower.resolve("from-the-image"), "lower layer\n");
            Path upper = Files.createDirectory(folder.resolve("upper"));
            Path work = Files.createDirectory(folder.resolve("work"));
            Files.createDirectory(merged);
            data = "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the trial overlay's folders in " + folder, e);
        }
        TrialLaunch trial = TrialLaunch.inNewMountNamespace();
        int mountStep = trial.add(Step.mount("overlay", merged.toString(), "overlay", 0, data));
        trial.add(Step.unmount(merged.toString(), 0));
        Optional<JournalRecord> failure = failureOf(trial, mountStep);
        if (failure.isEmpty()) {
            return CheckResult.ok(check, "a trial overlay mount in BANTUBOX_HOME worked" + (listed ? ""
                    : " (the kernel loaded the overlay module for it)"));
        }
        String sentence = "a trial overlay mount in BANTUBOX_HOME failed " + describe(failure.get(), mountStep);
        if (failure.get().stepIndex() == mountStep && failure.get().errno().equals("ENODEV")) {
            return CheckResult.fail(check, sentence + ", so this kernel has no overlay file system",
                    "load it with 'sudo modprobe overlay', or run containers with --no-overlay");
        }
        if (scan.homeMount().map(mount -> mount.type().equals("overlay")).orElse(false)) {
            return CheckResult.fail(check, sentence + ", because BANTUBOX_HOME is on overlayfs", MOVE_HOME);
        }
        return CheckResult.fail(check, sentence, "'sudo dmesg | grep overlay' shows the kernel's reason; "
                + MOVE_HOME + ", or run containers with --no-overlay");
    }

    static CheckResult pivotRoot(HostScan scan) {
        HostCheck check = HostCheck.PIVOT_ROOT;
        Optional<MountInfo> root = scan.rootMount();
        if (root.isEmpty()) {
            return CheckResult.fail(check, "no mount is at / in /proc/self/mountinfo, so BantuBox runs inside a"
                    + " chroot, where pivot_root() fails with EINVAL", "run containers with --chroot, or run"
                    + " BantuBox outside the chroot");
        }
        String type = root.get().type();
        if (type.equals("rootfs") || type.equals("ramfs")) {
            return CheckResult.warning(check, "/ is the initial ramfs, which pivot_root() cannot move, so"
                    + " containers get their root by moving it over / and calling chroot() instead",
                    "boot from a root file system on disk to see pivot_root() in the lessons");
        }
        if (!scan.runsTrials()) {
            String sentence = "/ is on " + type + ", which pivot_root() can move";
            return scan.trialsSwitchedOff() ? CheckResult.ok(check, sentence)
                    : CheckResult.warning(check, sentence + ", but the trial pivot_root() needs root and did not run",
                    "run bantubox doctor with sudo");
        }

        Optional<Path> trialFolder = trialFolderOf(scan);
        if (trialFolder.isEmpty()) {
            return homeNotWritable(check, "pivot_root()");
        }
        Path newRoot = trialFolder.get().resolve("new-root");
        try {
            Files.createDirectory(newRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the trial root " + newRoot, e);
        }
        // The same steps a container launch takes: pivot_root() needs the new root to be a mount point,
        // so a bind mount of the folder onto itself makes it one.
        TrialLaunch trial = TrialLaunch.inNewMountNamespace();
        trial.add(Step.mount(newRoot.toString(), newRoot.toString(), "",
                MountFlags.of(MountFlags.MS_BIND, MountFlags.MS_REC), ""));
        trial.add(Step.changeDirectory(newRoot.toString()));
        int pivotStep = trial.add(Step.pivotRoot(".", "."));
        trial.add(Step.unmount(".", MountFlags.MNT_DETACH));
        Optional<JournalRecord> failure = failureOf(trial, pivotStep);
        if (failure.isEmpty()) {
            return CheckResult.ok(check, "a trial pivot_root() into a folder of BANTUBOX_HOME worked (/ is on "
                    + type + ")");
        }
        return CheckResult.fail(check, "a trial pivot_root() into a folder of BANTUBOX_HOME failed "
                + describe(failure.get(), pivotStep), "run containers with --chroot instead of pivot_root()");
    }

    static CheckResult propagation(HostScan scan) {
        HostCheck check = HostCheck.MOUNT_PROPAGATION;
        Optional<MountInfo> root = scan.rootMount();
        Optional<MountInfo> home = scan.homeMount();
        String rootText = root.map(mount -> "/ is " + mount.propagation()).orElse("no mount is at /");
        String homeText;
        if (home.isEmpty()) {
            homeText = "no mount holds BANTUBOX_HOME";
        } else if (root.isPresent() && home.get().id() == root.get().id()) {
            homeText = "BANTUBOX_HOME is on that same mount";
        } else {
            homeText = "BANTUBOX_HOME is on " + home.get().mountPoint() + " (" + home.get().type() + "), which is "
                    + home.get().propagation();
        }
        // Propagation is reported, never failed. LaunchPlanner makes every mount private first in each new
        // mount namespace, so a shared mount neither leaks a container's mounts to the host nor makes
        // pivot_root() fail. A lesson that shows propagation reads the types here.
        return CheckResult.ok(check, rootText + " and " + homeText + "; a container with its own mount namespace"
                + " makes every mount in it private first, so its mounts do not reach the host");
    }

    static CheckResult diskSpace(HostScan scan) {
        HostCheck check = HostCheck.DISK_SPACE;
        Path folder = scan.existingHomeOrParent();
        long free;
        try {
            free = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return CheckResult.warning(check, "the free space at " + folder + " cannot be read: " + e.getMessage(),
                    "check with 'df -h " + folder + "' that enough space is free");
        }
        String where = Files.exists(scan.home().root()) ? "" : ", measured at " + folder + " because the home is not"
                + " made yet";
        String sentence = formatBytes(free) + " free for BANTUBOX_HOME (" + scan.home().root() + where + ")";
        if (free < FAIL_BELOW_BYTES) {
            return CheckResult.fail(check, sentence + ", less than " + formatBytes(FAIL_BELOW_BYTES)
                    + ", which the busybox image and a few containers may need", "free some space, or " + MOVE_HOME
                    + " with more room");
        }
        if (free < WARN_BELOW_BYTES) {
            return CheckResult.warning(check, sentence + ", enough for busybox but maybe not for larger images or"
                    + " the lesson that copies the image into each container", "free some space, or " + MOVE_HOME
                    + " with more room");
        }
        return CheckResult.ok(check, sentence);
    }

    /** Returns the scan's trial folder, or empty when it cannot be made (the home-filesystem check reports the reason). */
    private static Optional<Path> trialFolderOf(HostScan scan) {
        try {
            return Optional.of(scan.trialFolder());
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static CheckResult homeNotWritable(HostCheck check, String trial) {
        return CheckResult.warning(check, "the trial " + trial + " did not run, because it needs a folder below"
                + " BANTUBOX_HOME, which cannot be written (see home-filesystem)", "make BANTUBOX_HOME writable"
                + " for root, or " + MOVE_HOME);
    }

    /** Formats a byte count in binary units, for example {@code 1.5 GiB}. */
    static String formatBytes(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /**
     * Runs the trial and returns the record of the step that kept the step under trial from
     * succeeding (that step's own, or an earlier one's), or empty when that step succeeded.
     */
    private static Optional<JournalRecord> failureOf(TrialLaunch trial, int stepUnderTrial) {
        TrialLaunch.Outcome outcome;
        try {
            outcome = trial.run();
        } catch (CloneFailedException e) {
            return Optional.of(e.record());
        }
        Optional<JournalRecord> record = outcome.recordOf(stepUnderTrial);
        if (record.isPresent() && !record.get().failed()) {
            return Optional.empty();
        }
        return Optional.of(record.filter(JournalRecord::failed)
                .or(outcome::firstFailure)
                .orElseThrow(() -> new IllegalStateException("the trial child ended before step " + stepUnderTrial
                        + " without a failed step; journal: " + outcome.journal())));
    }

    /** Describes a trial failure: "with ERRNO" for the step under trial, else the earlier call that failed. */
    private static String describe(JournalRecord failure, int stepUnderTrial) {
        if (failure.side() == JournalRecord.Side.CHILD && failure.stepIndex() == stepUnderTrial) {
            return "with " + failure.errno();
        }
        return "before it got there, because " + failure.call() + " failed with " + failure.errno();
    }

    /** True when /proc/filesystems lists the file system type. */
    private static boolean kernelLists(String type) {
        try {
            return Files.readAllLines(Path.of("/proc/filesystems")).stream()
                    .anyMatch(line -> line.endsWith("\t" + type));
        } catch (IOException e) {
            return false;
        }
    }
}
