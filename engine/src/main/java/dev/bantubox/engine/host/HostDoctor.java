package dev.bantubox.engine.host;

import dev.bantubox.engine.EngineHome;
import dev.bantubox.engine.cgroup.CgroupLayout;
import dev.bantubox.engine.cgroup.KernelCgroupFiles;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.kernel.NativeLibraries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks what this machine can and cannot do for BantuBox, before a run fails: the rows of
 * {@code bantubox doctor}, the GUI's host table, and the causes a failed launch is explained by.
 * Calls block (a full check takes two trial launches and a few host commands); the GUI calls them
 * from its executor.
 */
public final class HostDoctor {
    private static final Logger LOG = Logger.getLogger(HostDoctor.class.getName());

    private final EngineHome home;
    private final boolean trials;

    private HostDoctor(EngineHome home, boolean trials) {
        this.home = home;
        this.trials = trials;
    }

    /**
     * Creates a doctor that, as root, also tries an overlay mount and a pivot_root() in a throwaway
     * mount namespace, in folders it makes below BANTUBOX_HOME and removes again.
     */
    public static HostDoctor withTrials(EngineHome home) {
        return new HostDoctor(home, true);
    }

    /**
     * Creates a doctor that only reads: files under /proc and /sys, the home folder, and the version
     * output of host commands. The engine uses it to explain a launch that has just failed.
     */
    public static HostDoctor readOnly(EngineHome home) {
        return new HostDoctor(home, false);
    }

    /** Runs every check, in the order of {@link HostCheck}. */
    public HostReport checkAll() {
        List<CheckResult> results = new ArrayList<>();
        try (HostScan scan = newScan()) {
            for (HostCheck check : HostCheck.values()) {
                results.add(run(check, scan));
            }
        }
        return new HostReport(results);
    }

    /** Runs one check. */
    public CheckResult check(HostCheck check) {
        try (HostScan scan = newScan()) {
            return run(check, scan);
        }
    }

    private HostScan newScan() {
        return new HostScan(home, MountInfo.readSelf(), NativeLibraries.get().libc().geteuid(), trials);
    }

    /** Runs a check. A check that throws becomes a warning with the error, so the others still run. */
    private CheckResult run(HostCheck check, HostScan scan) {
        try {
            return switch (check) {
                case PRIVILEGES -> KernelChecks.privileges(scan.euid(), effectiveCapabilities());
                case KERNEL -> KernelChecks.kernel(readOr(Path.of("/proc/sys/kernel/osrelease"),
                        System.getProperty("os.version")));
                case CGROUP_LAYOUT -> CgroupChecks.layout(CgroupLayout.detect(new KernelCgroupFiles()));
                case CGROUP_CONTROLLERS -> CgroupChecks.controllers(CgroupLayout.detect(new KernelCgroupFiles()));
                case OVERLAY -> FilesystemChecks.overlay(scan);
                case HOME_FILESYSTEM -> FilesystemChecks.homeFilesystem(scan);
                case MOUNT_PROPAGATION -> FilesystemChecks.propagation(scan);
                case PIVOT_ROOT -> FilesystemChecks.pivotRoot(scan);
                case USER_NAMESPACES -> KernelChecks.userNamespaces(userNamespaceSysctls(),
                        Files.exists(Path.of("/proc/self/ns/user")));
                case IPROUTE2 -> ToolChecks.iproute2();
                case DEFAULT_IMAGE -> ToolChecks.defaultImage(new ImageStore(home.images()));
                case DISK_SPACE -> FilesystemChecks.diskSpace(scan);
            };
        } catch (RuntimeException broken) {
            // The result shows the message to the learner, so the trace goes to the debug log only.
            LOG.log(Level.FINE, "host check " + check.id() + " could not run", broken);
            return CheckResult.warning(check, "this check could not run: " + broken.getMessage(),
                    "run bantubox doctor again; if it repeats, report the message above");
        }
    }

    /** Reads CapEff from /proc/self/status: the capabilities the kernel checks for this process. */
    private static OptionalLong effectiveCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return OptionalLong.of(Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16));
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.fine("cannot read CapEff from /proc/self/status: " + e.getMessage());
        }
        return OptionalLong.empty();
    }

    private static Map<String, String> userNamespaceSysctls() {
        Map<String, String> values = new HashMap<>();
        for (String name : List.of(KernelChecks.MAX_USER_NAMESPACES, KernelChecks.UNPRIVILEGED_USERNS_CLONE,
                KernelChecks.APPARMOR_RESTRICT_USERNS)) {
            Path file = Path.of("/proc/sys", name.split("\\."));
            if (Files.isReadable(file)) {
                values.put(name, readOr(file, null));
            }
        }
        return values;
    }

    private static String readOr(Path file, String fallback) {
        return ProcFiles.read(file).map(String::trim).orElse(fallback);
    }
}
