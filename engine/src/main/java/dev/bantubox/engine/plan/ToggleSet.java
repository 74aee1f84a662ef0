package dev.bantubox.engine.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The toggles chosen for one container, checked against what the kernel allows together.
 * An impossible combination is rejected with a sentence that says why and what to change.
 */
public final class ToggleSet {
    private final Set<Toggle> enabled;

    private ToggleSet(Set<Toggle> enabled) {
        this.enabled = Collections.unmodifiableSet(EnumSet.copyOf(enabled));
    }

    /** Every isolation step on, with pivot_root as the root change: what a container engine does. */
    public static ToggleSet full() {
        return of(EnumSet.complementOf(EnumSet.of(Toggle.CHROOT)));
    }

    /** No isolation at all: a plain fork and exec of a host process. */
    public static ToggleSet none() {
        return new ToggleSet(EnumSet.noneOf(Toggle.class));
    }

    /** Checks and wraps the given toggles. */
    public static ToggleSet of(Set<Toggle> toggles) {
        Set<Toggle> copy = toggles.isEmpty() ? EnumSet.noneOf(Toggle.class) : EnumSet.copyOf(toggles);
        List<String> problems = problemsWith(copy);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", problems));
        }
        return new ToggleSet(copy);
    }

    /** Lists every rule the combination breaks, one sentence each; empty when it is allowed. */
    public static List<String> problemsWith(Set<Toggle> toggles) {
        List<String> problems = new ArrayList<>();
        if (toggles.contains(Toggle.CHROOT) && toggles.contains(Toggle.PIVOT_ROOT)) {
            problems.add("CHROOT and PIVOT_ROOT both change the root directory; choose one of them.");
        }
        if (toggles.contains(Toggle.PIVOT_ROOT) && !toggles.contains(Toggle.MOUNT_NS)) {
            problems.add("PIVOT_ROOT needs MOUNT_NS: pivot_root() swaps the root of a mount namespace, and"
                    + " doing it in the host's would move the root of every process; switch MOUNT_NS on.");
        }
        if (toggles.contains(Toggle.OVERLAY) && !toggles.contains(Toggle.MOUNT_NS)) {
            problems.add("OVERLAY needs MOUNT_NS: the overlay is mounted inside the container's mount"
                    + " namespace so that it disappears with the container; switch MOUNT_NS on.");
        }
        if (toggles.contains(Toggle.OVERLAY)
                && !toggles.contains(Toggle.CHROOT) && !toggles.contains(Toggle.PIVOT_ROOT)) {
            problems.add("OVERLAY builds the container's root filesystem, but without CHROOT or PIVOT_ROOT"
                    + " the process keeps the host's root; switch one of them on.");
        }
        return problems;
    }

    public boolean has(Toggle toggle) {
        return enabled.contains(toggle);
    }

    /** True when the process gets the image as its root directory (by chroot or pivot_root). */
    public boolean changesRoot() {
        return has(Toggle.CHROOT) || has(Toggle.PIVOT_ROOT);
    }

    public Set<Toggle> enabled() {
        return enabled;
    }

    /** Returns a copy with one toggle switched on or off, checked again. */
    public ToggleSet with(Toggle toggle, boolean on) {
        EnumSet<Toggle> copy = enabled.isEmpty() ? EnumSet.noneOf(Toggle.class) : EnumSet.copyOf(enabled);
        if (on) {
            copy.add(toggle);
        } else {
            copy.remove(toggle);
        }
        return of(copy);
    }

    /** The namespace flags for clone(). */
    public int cloneFlags() {
        int flags = 0;
        for (Toggle toggle : enabled) {
            flags |= toggle.cloneFlag();
        }
        return flags;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ToggleSet set && set.enabled.equals(enabled);
    }

    @Override
    public int hashCode() {
        return enabled.hashCode();
    }

    @Override
    public String toString() {
        return enabled.toString();
    }
}
