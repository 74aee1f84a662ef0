package dev.bantubox.engine.host;

import dev.bantubox.engine.cgroup.CgroupHierarchy;
import dev.bantubox.engine.cgroup.CgroupLayout;
import dev.bantubox.engine.cgroup.CgroupLayout.MountedController;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cgroup layout and the controllers the engine can use from its own cgroup, judged on the layout the
 * engine's cgroup drivers use.
 */
final class CgroupChecks {
    /** The controllers whose limits BantuBox sets on a container: memory, CPU time and process count. */
    static final List<String> LIMIT_CONTROLLERS = List.of("memory", "cpu", "pids");

    private CgroupChecks() {
    }

    static CheckResult layout(CgroupLayout layout) {
        HostCheck check = HostCheck.CGROUP_LAYOUT;
        return switch (layout.kind()) {
            case NONE -> CheckResult.fail(check, "no cgroup file system is mounted, so containers get no resource"
                    + " limits", "mount the cgroup2 tree with 'sudo mount -t cgroup2 cgroup2 /sys/fs/cgroup'");
            case UNIFIED -> CheckResult.ok(check, "cgroup v2: one unified tree at "
                    + layout.unifiedMountPoint().orElseThrow() + " holds " + namesOf(layout, 2));
            case LEGACY -> CheckResult.ok(check, "cgroup v1: " + namesOf(layout, 1)
                    + " are on separate v1 hierarchies and no cgroup2 tree is mounted");
            case HYBRID -> CheckResult.ok(check, "hybrid: " + namesOf(layout, 1) + " are on v1 hierarchies, and"
                    + " the cgroup2 tree at " + layout.unifiedMountPoint().orElseThrow() + " holds "
                    + namesOf(layout, 2));
        };
    }

    static CheckResult controllers(CgroupLayout layout) {
        HostCheck check = HostCheck.CGROUP_CONTROLLERS;
        if (layout.kind() == CgroupLayout.Kind.NONE) {
            return CheckResult.fail(check, "no cgroup controller is available: no cgroup file system is mounted",
                    "mount the cgroup2 tree with 'sudo mount -t cgroup2 cgroup2 /sys/fs/cgroup'");
        }
        Optional<String> ownControllers = layout.unified()
                .flatMap(tree -> ProcFiles.read(tree.engineDirectory().resolve("cgroup.controllers")));
        List<String> usable = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> fixes = new LinkedHashSet<>();
        for (String name : LIMIT_CONTROLLERS) {
            Optional<Problem> problem = problemWith(layout, name, ownControllers);
            if (problem.isEmpty()) {
                usable.add(name + " (v" + layout.mountedController(name).orElseThrow().version() + ")");
            } else {
                problems.add(name + " (" + problem.get().reason() + ")");
                fixes.add(problem.get().fix());
            }
        }

        String enabled = enabledForChildren(layout);
        if (problems.isEmpty()) {
            return CheckResult.ok(check, String.join(", ", usable) + " are usable from the engine's own cgroup"
                    + enabled);
        }
        String sentence = "not usable from the engine's own cgroup: " + String.join(", ", problems)
                + (usable.isEmpty() ? "" : "; usable: " + String.join(", ", usable)) + enabled;
        String fix = String.join("; ", fixes) + "; until then the cgroup lesson cannot set those limits";
        // Runs that switch cgroups off still work, so only a host with none of the three fails.
        return usable.isEmpty() ? CheckResult.fail(check, sentence, fix) : CheckResult.warning(check, sentence, fix);
    }

    /** The reason the engine cannot create a child cgroup with a controller, and the fix for it. */
    private record Problem(String reason, String fix) {
    }

    private static Optional<Problem> problemWith(CgroupLayout layout, String name, Optional<String> ownControllers) {
        Optional<MountedController> found = layout.mountedController(name);
        if (found.isEmpty()) {
            return Optional.of(new Problem("no mounted cgroup hierarchy has it",
                    "use a kernel built with the " + name + " controller and mount it"));
        }
        MountedController controller = found.get();
        String hierarchy = controller.version() == 1 ? "its v1 hierarchy" : "the cgroup2 tree";
        String asRoot = "run bantubox as root on the host, where the cgroup file systems are writable";
        if (controller.engineDirectory() == null) {
            return Optional.of(new Problem("the engine's cgroup lies outside " + hierarchy + " as mounted here",
                    asRoot));
        }
        if (controller.readOnly()) {
            return Optional.of(new Problem(hierarchy + " is mounted read-only", asRoot));
        }
        if (controller.version() == 2 && ownControllers.map(text -> !wordsOf(text).contains(name)).orElse(true)) {
            return Optional.of(new Problem("missing from " + controller.engineDirectory().resolve("cgroup.controllers"),
                    "start bantubox in a cgroup that has these controllers, for example with"
                            + " 'sudo systemd-run --scope -p Delegate=yes ./bantubox ...'"));
        }
        if (!Files.isDirectory(controller.engineDirectory()) || !Files.isWritable(controller.engineDirectory())) {
            return Optional.of(new Problem(controller.engineDirectory() + " is not writable", asRoot));
        }
        return Optional.empty();
    }

    /**
     * Describes which v2 controllers the engine's cgroup already passes to new child cgroups, when
     * any of the limit controllers is on v2.
     * NOTE: a non-root v2 cgroup that contains processes cannot enable more in cgroup.subtree_control
     * (the kernel returns EBUSY), so code that creates container cgroups below it has to move the
     * engine into a leaf cgroup first.
     */
    private static String enabledForChildren(CgroupLayout layout) {
        boolean anyOnV2 = layout.mountedControllers().stream()
                .anyMatch(controller -> controller.version() == 2 && LIMIT_CONTROLLERS.contains(controller.name()));
        Optional<Path> engineCgroup = layout.unified().map(CgroupHierarchy::engineDirectory);
        if (!anyOnV2 || engineCgroup.isEmpty()) {
            return "";
        }
        Optional<String> subtree = ProcFiles.read(engineCgroup.get().resolve("cgroup.subtree_control"));
        String enabled = subtree.map(text -> wordsOf(text).isEmpty() ? "none yet" : String.join(" ", wordsOf(text)))
                .orElse("unknown (unreadable)");
        return "; cgroup.subtree_control of " + engineCgroup.get() + " enables: " + enabled;
    }

    private static String namesOf(CgroupLayout layout, int version) {
        String names = layout.mountedControllers().stream().filter(controller -> controller.version() == version)
                .map(MountedController::name).collect(Collectors.joining(" "));
        return names.isEmpty() ? "no controllers" : "the controllers " + names;
    }

    private static List<String> wordsOf(String text) {
        return Arrays.stream(text.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }
}
